import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import type { ConnectionView } from '../../views/snapshot.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';

const PAGE = 100;

/** Who a workload can reach, or who can reach it, with ports; each a link to the explanation. */
export function ConnectionList({
  title,
  connections,
  peerOf,
}: {
  title: string;
  connections: ConnectionView[];
  peerOf: (c: ConnectionView) => string;
}) {
  // Hundreds of peers are common in big clusters; render a page of them, more on request.
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const shown = connections.slice(0, limit);
  return (
    <section>
      <h4>
        {title} <span className="count">{connections.length}</span>
      </h4>
      {connections.length === 0 ? (
        <p className="muted">{t('inspector.nobody')}</p>
      ) : (
        <ul className="connections">
          {shown.map((c) => (
            <li key={`${c.from}->${c.to}`}>
              <button
                type="button"
                className="link"
                onClick={() => useStore.getState().select({ kind: 'pair', from: c.from, to: c.to })}
              >
                <span aria-hidden="true">
                  {VERDICT_STYLE[c.unrestricted ? 'unrestricted' : c.verdict].symbol}
                </span>{' '}
                {peerOf(c)}
              </button>{' '}
              <span className="ports" title={c.ports}>
                {c.label}
              </span>
            </li>
          ))}
        </ul>
      )}
      {connections.length > shown.length && (
        <button type="button" className="link" onClick={() => setLimit(limit + PAGE)}>
          {t('inspector.showMore', {
            n: Math.min(PAGE, connections.length - shown.length),
            rest: connections.length - shown.length,
          })}
        </button>
      )}
    </section>
  );
}
