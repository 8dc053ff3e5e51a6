import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { buildMatrix, MATRIX_CELL_LIMIT, type MatrixCell } from '../../views/matrix.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';
import { t } from '../i18n/index.ts';

const selectMatrix = (s: ReachlabState) => ({
  snapshot: s.snapshot,
  hidden: s.hiddenNamespaces,
  selection: s.selection,
});

function cellText(cell: MatrixCell): string {
  if (cell.verdict === 'denied') return `${VERDICT_STYLE.denied.symbol} ${t('matrix.none')}`;
  return `${VERDICT_STYLE[cell.verdict].symbol} ${cell.label}`;
}

/** Sources by destinations, grouped by namespace; every cell is a verdict with its ports. */
export function MatrixView() {
  const { t } = useTranslation();
  const { snapshot, hidden, selection } = useStore(useShallow(selectMatrix));
  const visible = snapshot ? snapshot.workloads.filter((w) => !hidden.includes(w.namespace)) : [];
  const tooLarge =
    visible.length * (visible.length + (snapshot?.externalRanges.length ?? 0)) > MATRIX_CELL_LIMIT;
  const focus = !tooLarge
    ? undefined
    : selection?.kind === 'namespace'
      ? selection.name
      : selection?.kind === 'workload'
        ? selection.id.split('/')[0]
        : visible[0]?.namespace;
  const matrix = useMemo(
    () => (snapshot ? buildMatrix(snapshot, hidden, focus) : null),
    [snapshot, hidden, focus],
  );
  if (!matrix) return <p className="graph-empty">{t('matrix.evaluating')}</p>;
  const store = useStore.getState;
  const namespaceSpans: { namespace: string; span: number }[] = [];
  for (const column of matrix.columns) {
    const last = namespaceSpans[namespaceSpans.length - 1];
    if (last && last.namespace === column.namespace) last.span++;
    else namespaceSpans.push({ namespace: column.namespace, span: 1 });
  }
  const selectedPair = selection?.kind === 'pair' ? selection : null;
  return (
    <div className="matrix-view">
      <p className="muted matrix-help">{t('matrix.help')}</p>
      {tooLarge && (
        <p className="share-warning" data-testid="matrix-limited">
          {t('matrix.limited', {
            total: visible.length,
            namespace: focus,
            shown: matrix.groups.reduce((n, g) => n + (g.external ? 0 : g.rows.length), 0),
          })}
        </p>
      )}
      <table className="matrix" data-testid="matrix">
        <thead>
          <tr>
            <th rowSpan={2} className="corner">
              {t('matrix.corner')}
            </th>
            {namespaceSpans.map((ns) => (
              <th key={ns.namespace} colSpan={ns.span} scope="colgroup" className="column-namespace">
                {ns.namespace}
              </th>
            ))}
          </tr>
          <tr>
            {matrix.columns.map((column) => (
              <th key={column.id} scope="col" className="column-head" title={column.id}>
                <span>{column.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.groups.map((group) => (
            <Fragment key={group.namespace}>
              <tr className="group-row">
                <th colSpan={matrix.columns.length + 1} scope="rowgroup">
                  {group.external ? (
                    <span>{t('matrix.external')}</span>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      data-testid="namespace"
                      data-id={group.namespace}
                      aria-pressed={selection?.kind === 'namespace' && selection.name === group.namespace}
                      onClick={() => store().select({ kind: 'namespace', name: group.namespace })}
                    >
                      {t('matrix.namespace', { name: group.namespace })}
                    </button>
                  )}
                </th>
              </tr>
              {group.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="row-head">
                    {group.external ? (
                      <span>{row.label}</span>
                    ) : (
                      <button
                        type="button"
                        className="link"
                        data-testid="workload"
                        data-id={row.id}
                        aria-pressed={selection?.kind === 'workload' && selection.id === row.id}
                        onClick={() => store().select({ kind: 'workload', id: row.id })}
                      >
                        {row.label}
                      </button>
                    )}
                  </th>
                  {row.cells.map((cell) => (
                    <td
                      key={cell.to}
                      data-from={cell.from}
                      data-to={cell.to}
                      data-verdict={cell.verdict}
                      data-selected={selectedPair?.from === cell.from && selectedPair.to === cell.to}
                      data-conditional={cell.conditional ? 'true' : undefined}
                      className={`cell cell-${cell.verdict}${cell.from === cell.to ? ' cell-self' : ''}`}
                    >
                      <button
                        type="button"
                        title={t('matrix.cellTitle', {
                          from: cell.from,
                          to: cell.to,
                          what: cell.verdict === 'denied' ? t('verdict.denied') : cell.ports,
                        })}
                        onClick={() => store().select({ kind: 'pair', from: cell.from, to: cell.to })}
                      >
                        {cellText(cell)}
                      </button>
                    </td>
                  ))}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
