import { formatConnectionSet } from '../../engine/index.ts';
import {
  type ConnectionChange,
  diffEvaluations,
  type Evaluated,
  explainChange,
} from '../../engine/teach/index.ts';
import type { CompareTarget } from '../../state/teachSlice.ts';
import type { ReachlabState } from '../../state/types.ts';
import { evaluateWorkspace } from '../lessons/evaluateWorkspace.ts';

export interface CompareResult {
  beforeName: string;
  afterName: string;
  before: Evaluated;
  after: Evaluated;
  changes: ConnectionChange[];
}

let cache: { key: unknown[]; result: CompareResult | { error: string } } | null = null;

/**
 * The before/after comparison the store asks for: two tabs on their own, or saved sources against
 * the workspace as it is now (what-if edits included). Computed once per input.
 */
export function compareResultOf(
  state: Pick<ReachlabState, 'compare' | 'sources' | 'edits' | 'ghosts'>,
): CompareResult | { error: string } | null {
  const compare = state.compare;
  if (!compare) return null;
  const key = [compare, state.sources, state.edits, state.ghosts];
  if (cache?.key.every((k, i) => k === key[i])) return cache.result;
  const result = compute(compare, state);
  cache = { key, result };
  return result;
}

function compute(
  compare: CompareTarget,
  state: Pick<ReachlabState, 'sources' | 'edits' | 'ghosts'>,
): CompareResult | { error: string } {
  if (compare.kind === 'tabs') {
    const before = state.sources.find((s) => s.id === compare.before);
    const after = state.sources.find((s) => s.id === compare.after);
    if (!before || !after) return { error: 'One of the compared tabs was closed. Pick two tabs again.' };
    const a = evaluateTab([before]);
    const b = evaluateTab([after]);
    return {
      beforeName: before.name,
      afterName: after.name,
      before: a,
      after: b,
      changes: diffEvaluations(a, b),
    };
  }
  const before = evaluateTab(compare.sources);
  const after = evaluateWorkspace(state.sources, state.edits, state.ghosts);
  return {
    beforeName: compare.name,
    afterName: 'now',
    before,
    after,
    changes: diffEvaluations(before, after),
  };
}

const tabCache = new WeakMap<object, Evaluated>();

function evaluateTab(sources: readonly { name: string; text: string }[]): Evaluated {
  const cached = tabCache.get(sources);
  if (cached) return cached;
  const result = evaluateWorkspace(sources);
  tabCache.set(sources, result);
  return result;
}

/** `TCP 8080`, `All Connections` or `nothing`. */
export function portsText(set: ConnectionChange['before']): string {
  const text = formatConnectionSet(set);
  return text === 'all' ? 'All Connections' : text === 'none' ? 'nothing' : text;
}

/** The edge label for a changed pair: the change in words, never in colour alone. */
export function changeLabel(change: ConnectionChange): string {
  if (change.kind === 'opened') return `+ opened: ${portsText(change.after)}`;
  if (change.kind === 'closed') return `− closed: ${portsText(change.before)}`;
  return `~ ${portsText(change.before)} → ${portsText(change.after)}`;
}

export { explainChange };
