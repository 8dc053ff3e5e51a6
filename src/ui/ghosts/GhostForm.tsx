import { useState } from 'react';
import { useStore } from '../../state/store.ts';

function parseLabels(text: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const pair of text.split(/[,\s]+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `"${pair}" is not key=value`;
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

/** "What if a pod with these labels ran in this namespace?": adds a dashed what-if pod. */
export function GhostForm({ namespace }: { namespace: string }) {
  const [labels, setLabels] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const parsed = parseLabels(labels);
    if (typeof parsed === 'string') {
      setProblem(parsed);
      return;
    }
    const state = useStore.getState();
    const taken = new Set(state.snapshot?.workloads.map((w) => w.id));
    let name = 'what-if-pod';
    for (let i = 2; taken.has(`${namespace}/${name}`); i++) name = `what-if-pod-${i}`;
    state.addGhost({ namespace, name, labels: parsed });
    state.select({ kind: 'workload', id: `${namespace}/${name}` });
    setProblem(null);
  };
  return (
    <section className="ghost-form" data-testid="ghost-form">
      <h4>What if a new pod ran here?</h4>
      <p className="muted">A dashed what-if pod shows who could reach it and whom it could reach.</p>
      <label className="field">
        <span>Labels</span>
        <input
          data-testid="ghost-labels"
          value={labels}
          placeholder="app=web, tier=front (empty: none)"
          onChange={(e) => setLabels(e.target.value)}
        />
      </label>
      <button type="button" className="button" data-testid="ghost-add" onClick={add}>
        Add what-if pod
      </button>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}

/** Shown on a what-if pod: what it is, and how to remove it. */
export function GhostNote({ id }: { id: string }) {
  const ghosts = useStore((s) => s.ghosts);
  const ghost = ghosts.find((g) => `${g.namespace}/${g.name}` === id);
  if (!ghost) return null;
  return (
    <p className="ghost-note" data-testid="ghost-note">
      A what-if pod: not in your manifests. Its labels (above) switch and change like any other.{' '}
      <button
        type="button"
        className="link"
        onClick={() => {
          useStore.getState().removeGhost(ghost.namespace, ghost.name);
          useStore.getState().select({ kind: 'namespace', name: ghost.namespace });
        }}
      >
        Remove it
      </button>
    </p>
  );
}
