import { useState } from 'react';
import { type FixResult, parsePortQuestion, proposeFixes } from '../../engine/teach/index.ts';
import { newSourceId } from '../../state/sourcesSlice.ts';
import { useStore } from '../../state/store.ts';
import { portsText } from '../diff/compareResult.ts';

/**
 * "This pair should be otherwise": the smallest verified changes to the manifests, each with the
 * other pairs it changes, applied in one click as a new version (undoable, shown as a diff).
 */
export function FixPanel({ from, to }: { from: string; to: string }) {
  const [want, setWant] = useState<'allowed' | 'denied'>('allowed');
  const [port, setPort] = useState('');
  const [result, setResult] = useState<FixResult | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const suggest = () => {
    const question = port.trim() ? parsePortQuestion(port.trim()) : {};
    if ('error' in question) {
      setResult({ error: question.error });
      return;
    }
    setBusy(true);
    // Let the "Working…" state paint before the (synchronous) search.
    setTimeout(() => {
      const sources = useStore.getState().sources.map((s) => ({ name: s.name, text: s.text }));
      setResult(proposeFixes(sources, { from, to, want, question }));
      setBusy(false);
    }, 0);
  };

  const apply = (index: number) => {
    if (!result || 'error' in result) return;
    const proposal = result.proposals[index];
    if (!proposal) return;
    const state = useStore.getState();
    const before = state.sources.map((s) => ({ name: s.name, text: s.text }));
    const byName = new Map(proposal.sources.map((s) => [s.name, s.text]));
    const sources = state.sources.map((s) =>
      byName.has(s.name) ? { ...s, text: byName.get(s.name) ?? s.text } : s,
    );
    for (const s of proposal.sources)
      if (!state.sources.some((t) => t.name === s.name))
        sources.push({ id: newSourceId(), name: s.name, text: s.text });
    // One store update: one undo step brings the previous manifests back.
    useStore.setState({ sources });
    state.setCompare({ kind: 'saved', name: 'before the fix', sources: before });
    state.notify(`Applied: ${proposal.summary}. Undo brings the previous version back.`);
    setResult(null);
  };

  return (
    <section className="fix-panel" data-testid="fix-panel" aria-label="Suggest a fix">
      <h4>Should it be otherwise?</h4>
      <div className="fix-form">
        <label className="field">
          <span>It should be</span>
          <select
            data-testid="fix-want"
            value={want}
            onChange={(e) => setWant(e.target.value as 'allowed' | 'denied')}
          >
            <option value="allowed">allowed</option>
            <option value="denied">denied</option>
          </select>
        </label>
        <label className="field">
          <span>on port</span>
          <input
            data-testid="fix-port"
            value={port}
            size={9}
            placeholder="every port"
            aria-label="Port, like 8080 or 53/UDP; empty for every port"
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <button type="button" className="button" data-testid="fix-suggest" disabled={busy} onClick={suggest}>
          {busy ? 'Working…' : 'Suggest the smallest fix'}
        </button>
      </div>
      {result && 'error' in result && <p role="alert">{result.error}</p>}
      {result && !('error' in result) && result.alreadyHolds && <p>It already is: nothing to change.</p>}
      {result && !('error' in result) && !result.alreadyHolds && result.proposals.length === 0 && (
        <p role="alert">No change that Reachlab could verify gives this verdict.</p>
      )}
      {result && !('error' in result) && result.proposals.length > 0 && (
        <ol className="fix-proposals">
          {result.proposals.slice(0, 5).map((p, i) => (
            <li key={p.summary} data-testid="fix-proposal" data-kind={p.kind}>
              <p>
                <strong>{p.summary}</strong>
              </p>
              <p className="muted">
                {p.sideEffects.length === 0
                  ? 'Changes no other pair.'
                  : `Also changes ${p.sideEffects.length} other pair${p.sideEffects.length === 1 ? '' : 's'}:`}
              </p>
              {p.sideEffects.length > 0 && (
                <ul className="side-effects">
                  {p.sideEffects.slice(0, 6).map((c) => (
                    <li key={`${c.from}->${c.to}`}>
                      {c.from} → {c.to}: {portsText(c.before)} → {portsText(c.after)}
                    </li>
                  ))}
                </ul>
              )}
              <details>
                <summary>YAML</summary>
                <pre className="fix-yaml">{p.documents.join('---\n')}</pre>
              </details>
              <button type="button" className="button" data-testid="fix-apply" onClick={() => apply(i)}>
                Apply
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
