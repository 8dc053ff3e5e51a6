import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { runProbe } from '../../state/analysisRunner.ts';
import { useStore } from '../../state/store.ts';
import type { ReachlabState } from '../../state/types.ts';
import { VERDICT_STYLE } from '../graph/graphStyle.ts';

const selectProbe = (s: ReachlabState) => ({ probe: s.probe, workloads: s.snapshot?.workloads });

/** "Can this workload (or the Internet) reach frontend.shop:80?" answered hop by hop. */
export function ProbePanel() {
  const { probe, workloads } = useStore(useShallow(selectProbe));
  const [from, setFrom] = useState(probe?.from ?? '');
  const [target, setTarget] = useState(probe?.target ?? '');
  const source = from || workloads?.[0]?.id || 'internet';
  const outcome = probe?.outcome;
  return (
    <details className="probe" open={probe !== null}>
      <summary>Probe a request</summary>
      <form
        className="probe-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (target.trim()) void runProbe(source, target.trim());
        }}
      >
        <label>
          From
          <select data-testid="probe-from" value={source} onChange={(event) => setFrom(event.target.value)}>
            <option value="internet">the Internet</option>
            {(workloads ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          To
          <input
            data-testid="probe-target"
            value={target}
            placeholder="api, api.shop:80, 10.0.0.5:443, https://host/path"
            onChange={(event) => setTarget(event.target.value)}
          />
        </label>
        <button type="submit" className="button" data-testid="probe-run">
          Probe
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
                {probe.target}: {outcome.result.verdict}
              </p>
              <p className="muted">Resolves to {outcome.result.resolved}.</p>
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
                    {hop.protocol === 'DNS' ? 'DNS lookup, UDP 53' : `${hop.protocol} ${hop.port}`}:{' '}
                    {hop.verdict}
                    <div className="hop-reason">{hop.reason}</div>
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
