import type { Labels } from '../model/types.ts';
import { type Expr, type LabelScope, type MatchSettings, matchExpr, testLabel } from '../policy/expr.ts';
import type { EndpointView } from '../policy/peers.ts';
import { Bitset } from './bitset.ts';

/**
 * Label key -> members, and key -> value -> members, for one scope. Values keep plain member
 * lists: with per-workload labels (instance, hash) most values have one member, and a bitset per
 * value would cost classes/8 bytes each.
 */
class LabelIndex {
  readonly byKey = new Map<string, Bitset>();
  readonly byValue = new Map<string, Map<string, number[]>>();

  add(id: number, labels: Labels, capacity: number): void {
    for (const key of Object.keys(labels)) {
      const value = labels[key] as string;
      bucket(this.byKey, key, capacity).add(id);
      let values = this.byValue.get(key);
      if (!values) {
        values = new Map();
        this.byValue.set(key, values);
      }
      const members = values.get(value);
      if (members) members.push(id);
      else values.set(value, [id]);
    }
  }
}

/**
 * Evaluates selector expressions over pod classes as bitset algebra: label tests are lookups in
 * inverted indexes, AND/OR/NOT are word-wise operations. Selecting with a policy's subject or a
 * rule's peers costs a few bitset passes instead of a scan over every class.
 */
export class ExprIndex {
  private readonly scopes: Record<LabelScope, LabelIndex> = {
    pod: new LabelIndex(),
    namespace: new LabelIndex(),
    serviceAccount: new LabelIndex(),
    node: new LabelIndex(),
  };
  private readonly namespaces = new Map<string, Bitset>();
  private readonly accounts = new Map<string, Bitset>();
  private readonly hosts: Bitset;
  private readonly mesh: Bitset;
  private readonly everyone: Bitset;
  private readonly memo = new Map<Expr, Bitset>();
  private readonly leaves = new Map<string, Bitset>();

  constructor(
    private readonly views: readonly EndpointView[],
    private readonly capacity: number,
    private readonly settings: MatchSettings,
  ) {
    this.hosts = new Bitset(capacity);
    this.mesh = new Bitset(capacity);
    this.everyone = new Bitset(capacity);
    for (const [id, view] of views.entries()) {
      this.everyone.add(id);
      this.scopes.pod.add(id, view.labels, capacity);
      this.scopes.namespace.add(id, view.namespaceLabels, capacity);
      if (view.serviceAccountLabels) this.scopes.serviceAccount.add(id, view.serviceAccountLabels, capacity);
      if (view.nodeLabels) this.scopes.node.add(id, view.nodeLabels, capacity);
      bucket(this.namespaces, view.namespace, capacity).add(id);
      if (view.serviceAccount !== undefined) bucket(this.accounts, view.serviceAccount, capacity).add(id);
      if (view.host) this.hosts.add(id);
      if (view.inMesh) this.mesh.add(id);
    }
  }

  /** The classes an expression selects. The result is shared: do not modify it. */
  select(expr: Expr): Bitset {
    let result = this.memo.get(expr);
    if (!result) {
      // Policies repeat the same leaf tests (namespace names, app=web) in objects of their own.
      const key = leafKey(expr);
      result = key === undefined ? undefined : this.leaves.get(key);
      if (!result) {
        result = this.compute(expr);
        if (key !== undefined) this.leaves.set(key, result);
      }
      this.memo.set(expr, result);
    }
    return result;
  }

  private compute(expr: Expr): Bitset {
    switch (expr.op) {
      case 'all':
        return this.everyone;
      case 'none':
        return new Bitset(this.capacity);
      case 'and':
        return this.intersection(expr.of);
      case 'or': {
        const result = new Bitset(this.capacity);
        for (const e of expr.of) result.or(this.select(e));
        return result;
      }
      case 'not':
        return this.everyone.clone().andNot(this.select(expr.of));
      case 'label':
        return this.label(expr.scope, expr.key, expr.test);
      case 'namespace':
        return this.union(expr.names.map((n) => this.namespaces.get(n)));
      case 'serviceAccount':
        return this.union(expr.names.map((n) => this.accounts.get(n)));
      case 'host':
        return this.hosts;
      case 'mesh':
        return this.mesh;
      case 'ip':
      case 'profile': {
        const result = new Bitset(this.capacity);
        for (const [id, view] of this.views.entries())
          if (matchExpr(expr, view, this.settings)) result.add(id);
        return result;
      }
    }
  }

  /**
   * The classes any of the expressions select. For a single expression this is the index's own
   * set (no copy: with large peer sets a copy per rule was most of the evaluation's word arrays),
   * shared only with expressions that select alike; a caller may grow it with a class those
   * expressions match (as `indexNewClass` does), nothing else.
   */
  selectAny(exprs: readonly Expr[]): Bitset {
    if (exprs.length === 1) return this.select(exprs[0] as Expr);
    const result = new Bitset(this.capacity);
    for (const e of exprs) result.or(this.select(e));
    return result;
  }

  /**
   * AND of expressions, starting from a sparse operand when there is one (the result is at most
   * that set) and taking negated operands out with AND NOT, so that `x AND NOT y` never builds
   * the complement of `y` (with distinct labels, NotIn lists differ in every policy).
   */
  private intersection(of: readonly Expr[]): Bitset {
    const positive = of.filter((e) => e.op !== 'not');
    const negated = of.flatMap((e) => (e.op === 'not' ? [e.of] : []));
    const sets = positive.map((e) => this.select(e));
    const start = sets.findIndex((s) => s.isSparse);
    const first = Math.max(start, 0);
    const result = sets.length > 0 ? (sets[first] as Bitset).clone() : this.everyone.clone();
    for (const [i, set] of sets.entries()) if (i !== first) result.and(set);
    for (const e of negated) result.andNot(this.select(e));
    return result;
  }

  private label(scope: LabelScope, key: string, test: Extract<Expr, { op: 'label' }>['test']): Bitset {
    const index = this.scopes[scope];
    if (test.is === 'exists') return index.byKey.get(key) ?? new Bitset(this.capacity);
    const result = new Bitset(this.capacity);
    const values = index.byValue.get(key);
    if (!values) return result;
    const addAll = (members: readonly number[] | undefined) => {
      for (const id of members ?? []) result.add(id);
    };
    if (test.is === 'eq') addAll(values.get(test.value));
    else if (test.is === 'in') for (const value of test.values) addAll(values.get(value));
    else for (const [value, members] of values) if (testLabel(test, value)) addAll(members);
    return result;
  }

  private union(sets: readonly (Bitset | undefined)[]): Bitset {
    const result = new Bitset(this.capacity);
    for (const set of sets) if (set) result.or(set);
    return result;
  }
}

function bucket(map: Map<string, Bitset>, key: string, capacity: number): Bitset {
  let set = map.get(key);
  if (!set) {
    set = new Bitset(capacity);
    map.set(key, set);
  }
  return set;
}

/** A structural key for leaf tests (and their negations), so equal tests are computed once. */
function leafKey(expr: Expr): string | undefined {
  switch (expr.op) {
    case 'label':
      return `l\u0000${expr.scope}\u0000${expr.key}\u0000${expr.test.is}\u0000${'value' in expr.test ? expr.test.value : 'values' in expr.test ? expr.test.values.join('\u0001') : ''}`;
    case 'namespace':
      return `n\u0000${expr.names.join('\u0001')}`;
    case 'serviceAccount':
      return `s\u0000${expr.names.join('\u0001')}`;
    case 'not': {
      const inner = leafKey(expr.of);
      return inner === undefined ? undefined : `!${inner}`;
    }
    default:
      return undefined;
  }
}
