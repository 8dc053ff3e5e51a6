import type { Protocol } from '../model/types.ts';
import { formatConnectionSet, NO_CONNECTIONS, union } from '../policy/connectionSet.ts';
import { explainPair } from '../reach/explain.ts';
import {
  allowsAll,
  allowsNone,
  describeQuestion,
  type Evaluated,
  pairSets,
  resolveEndpoint,
} from './endpoints.ts';

/**
 * One thing a lesson asks for: traffic from `from` to `to` is allowed or denied, on one port,
 * every port of a protocol, or (no port, no protocol) every port.
 */
export interface Goal {
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  expect: 'allowed' | 'denied';
  /** Where the goal was written (1-based line in the lesson file), for messages. */
  line?: number;
}

export interface GoalResult {
  goal: Goal;
  holds: boolean;
  /** What is allowed now between the two, in connlist's words (`TCP 8080`, `All Connections`, `nothing`). */
  actual: string;
  /** Plain-language reasons, most important first. */
  why: string[];
}

/** "shop/frontend -> shop/api on TCP 8080: allowed". */
export function describeGoal(goal: Goal): string {
  return `${goal.from} -> ${goal.to} on ${describeQuestion(goal)}: ${goal.expect}`;
}

/**
 * Checks one goal against an evaluation. `allowed` holds when every asked connection is allowed
 * (for an external range: from or to every address in it); `denied` holds when none is.
 * Unknown names fail the goal with a message naming what exists.
 */
export function checkGoal(evaluated: Evaluated, goal: Goal): GoalResult {
  const from = resolveEndpoint(evaluated.model, goal.from);
  const to = resolveEndpoint(evaluated.model, goal.to);
  if ('error' in from || 'error' in to) {
    const problems = ['error' in from ? from.error : '', 'error' in to ? to.error : ''].filter(Boolean);
    return { goal, holds: false, actual: 'unknown', why: problems };
  }
  const sets = pairSets(evaluated, from, to);
  if (sets.length === 0)
    return {
      goal,
      holds: false,
      actual: 'unknown',
      why: ['two external addresses: nothing in the cluster decides'],
    };
  const holds =
    goal.expect === 'allowed'
      ? sets.every((s) => allowsAll(s, goal))
      : sets.every((s) => allowsNone(s, goal));
  const allowed = sets.reduce((a, s) => union(a, s), NO_CONNECTIONS);
  const text = formatConnectionSet(allowed);
  const actual = text === 'all' ? 'All Connections' : text === '' || text === 'none' ? 'nothing' : text;
  const explanation = explainPair(
    evaluated,
    from.kind === 'workload' ? from.id : from.range,
    to.kind === 'workload' ? to.id : to.range,
  );
  return { goal, holds, actual, why: explanation?.summary ?? [] };
}

/** Checks every goal, in order. */
export function checkGoals(evaluated: Evaluated, goals: readonly Goal[]): GoalResult[] {
  return goals.map((goal) => checkGoal(evaluated, goal));
}
