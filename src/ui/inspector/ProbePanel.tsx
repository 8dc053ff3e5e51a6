import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { runProbe } from '../../state/analysisRunner.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import type { PolicyView } from '../../views/snapshot.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';
import { t as translate } from '../i18n/index.ts';

const selectProbe = (s: ReachlabState) => ({
  probe: s.probe,
  workloads: s.snapshot?.workloads,
  policies: s.snapshot?.policies,
});

const RULE_AT_LINE = /(\S+\/\S+) (ingress|egress) rule (\d+) \(line (\d+)\)/g;

/**
 * The engine's hop reason with each "ns/policy ingress rule 2 (line 41)" turned into a link
 * that opens the policy's source at that line.
 */
function ReasonWithLinks({ text, policies }: { text: string; policies: readonly PolicyView[] }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(RULE_AT_LINE)) {
    const [whole, id, , , line] = match;
    const policy = policies.find((p) => p.id === id);
    const at = match.index ?? 0;
    if (!policy || !whole || !line) continue;
    parts.push(text.slice(last, at));
    parts.push(
      <button
        key={at}
        type="button"
        className="link source-link"
        data-testid="probe-line-link"
        onClick={() => useStore.getState().revealLines(policy.ref.source, Number(line), Number(line))}
      >
        {whole}
      </button>,
    );
    last = at + whole.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

type Hop = { from: string; to: string; protocol: string; verdict: 'allowed' | 'partial' | 'denied' };

/**
 * The headline for a probe: a Service with several backends is summarised ("2 of 3 backends
 * reachable") rather than called denied when one refuses. The backends are the last hops, the
 * ones leaving the final sender (the client, or the ingress controller).
 */
export function probeHeadline(hops: readonly Hop[], verdict: Hop['verdict']): string {
  const routed = hops.filter((h) => h.protocol !== 'DNS');
  const lastSender = routed[routed.length - 1]?.from;
  const backends = routed.filter((h) => h.from === lastSender);
  const t = translate;
  if (backends.length < 2) return t(`probe.verdict_${verdict}`);
  const ok = backends.filter((h) => h.verdict !== 'denied').length;
  const dnsFailed = hops.some((h) => h.protocol === 'DNS' && h.verdict === 'denied');
  if (dnsFailed) return t('probe.verdict_denied');
  if (ok === backends.length) return t('probe.allOk', { count: ok });
  if (ok === 0) return t('probe.noneOk', { count: backends.length });
  return t('probe.mixed', { ok, total: backends.length });
}

/** "Can this workload (or the Internet) reach frontend.shop:80?" answered hop by hop. */
export function ProbePanel() {
  const { t } = useTranslation();
  const { probe, workloads, policies } = useStore(useShallow(selectProbe));
  const [from, setFrom] = useState(probe?.from ?? '');
  const [target, setTarget] = useState(probe?.target ?? '');
  const source = from || workloads?.[0]?.id || 'internet';
  const outcome = probe?.outcome;
  return (
    <details className="probe" open={probe !== null}>
      <summary>{t('probe.title')}</summary>
      <form
        className="probe-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (target.trim()) void runProbe(source, target.trim());
        }}
      >
        <label>
          {t('probe.from')}
          <select data-testid="probe-from" value={source} onChange={(event) => setFrom(event.target.value)}>
            <option value="internet">{t('probe.internet')}</option>
            {(workloads ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('probe.to')}
          <input
            data-testid="probe-target"
            value={target}
            placeholder={t('probe.placeholder')}
            onChange={(event) => setTarget(event.target.value)}
          />
        </label>
        <button type="submit" className="button" data-testid="probe-run">
          {t('probe.run')}
        </button>
      </form>
      {probe && outcome && (
        <div
          className="probe-result"
          data-testid="probe-result"
          data-verdict={outcome.ok ? outcome.result.verdict : 'error'}
        >
          {outcome.ok ? (
            <>
              <p className={`verdict-headline verdict-${outcome.result.verdict}`}>
                <span aria-hidden="true">{VERDICT_STYLE[outcome.result.verdict].symbol}</span> {probe.from} →{' '}
                {probe.target}: {probeHeadline(outcome.result.hops, outcome.result.verdict)}
              </p>
              <p className="muted">{t('probe.resolves', { target: outcome.result.resolved })}</p>
              <ol className="hops">
                {outcome.result.hops.map((hop) => (
                  <li
                    key={`${hop.from}>${hop.to}:${hop.protocol}`}
                    data-testid="probe-hop"
                    data-verdict={hop.verdict}
                    className={`hop hop-${hop.verdict}`}
                  >
                    <span aria-hidden="true">{VERDICT_STYLE[hop.verdict].symbol}</span>{' '}
                    <strong>
                      {hop.from} → {hop.to}
                    </strong>{' '}
                    {hop.protocol === 'DNS' ? t('probe.dns') : `${hop.protocol} ${hop.port}`}:{' '}
                    {t(`probe.hopVerdict_${hop.verdict}`)}
                    <div className="hop-reason">
                      <ReasonWithLinks text={hop.reason} policies={policies ?? []} />
                    </div>
                  </li>
                ))}
              </ol>
              {outcome.result.notes.map((note) => (
                <p key={note} className="muted">
                  {note}
                </p>
              ))}
            </>
          ) : (
            <p className="verdict-headline verdict-denied" role="alert">
              {outcome.error}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
