import {
  ALL,
  and,
  type Expr,
  type LabelScope,
  type LabelTest,
  NONE,
  not,
  or,
  testLabel,
} from '../../policy/expr.ts';
import type { CompareOp, SelectorNode } from './selectorParser.ts';

/**
 * What a selector is evaluated against: an endpoint's labels (policy and rule `selector`), a
 * namespace's labels (`namespaceSelector`) or a ServiceAccount's labels (`serviceAccountSelector`,
 * `serviceAccounts.selector`).
 */
export type SelectorScope = 'endpoint' | 'namespace' | 'serviceAccount';

/** Labels Calico adds to every workload endpoint of a Kubernetes pod. */
export const LABEL_NAMESPACE = 'projectcalico.org/namespace';
export const LABEL_SERVICE_ACCOUNT = 'projectcalico.org/serviceaccount';
export const LABEL_ORCHESTRATOR = 'projectcalico.org/orchestrator';
/** The name label Calico puts on namespaces and service accounts. */
export const LABEL_NAME = 'projectcalico.org/name';
/** Prefixes under which Calico copies namespace and ServiceAccount labels onto endpoints. */
const NAMESPACE_PREFIX = 'pcns.';
const SERVICE_ACCOUNT_PREFIX = 'pcsa.';
/** Every namespace carries its name under this label (the engine adds it as the API server does). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A Calico selector tree as an Expr over what the engine knows of an endpoint. Calico's implicit
 * labels become the facts they stand for: `projectcalico.org/namespace` and `pcns.*` read the
 * namespace, `projectcalico.org/serviceaccount` and `pcsa.*` the ServiceAccount,
 * `projectcalico.org/name` the name of the namespace or ServiceAccount being selected, and
 * `projectcalico.org/orchestrator` is `k8s` for every pod. `global()` selects what has no namespace
 * (host endpoints). `!=`, `not in` and `!has` also hold when the label is absent, as in Calico.
 */
export function selectorToExpr(node: SelectorNode, scope: SelectorScope): Expr {
  switch (node.t) {
    case 'all':
      return scope === 'namespace' ? not({ op: 'host' }) : ALL;
    case 'global':
      return { op: 'host' };
    case 'and':
      return and(...node.of.map((n) => selectorToExpr(n, scope)));
    case 'or':
      return or(...node.of.map((n) => selectorToExpr(n, scope)));
    case 'not':
      return not(selectorToExpr(node.of, scope));
    case 'has':
      return labelExpr(node.key, { is: 'exists' }, false, scope);
    case 'compare': {
      const negated = node.op === 'ne' || node.op === 'notin';
      return labelExpr(node.key, toTest(node.op, node.values), negated, scope);
    }
  }
}

function toTest(op: CompareOp, values: readonly string[]): LabelTest {
  switch (op) {
    case 'eq':
    case 'ne':
      return { is: 'eq', value: values[0] ?? '' };
    case 'in':
    case 'notin':
      return { is: 'in', values };
    default:
      return { is: op, value: values[0] ?? '' };
  }
}

function labelExpr(key: string, test: LabelTest, negated: boolean, scope: SelectorScope): Expr {
  const positive = positiveLabelExpr(key, test, scope);
  return negated ? not(positive) : positive;
}

function positiveLabelExpr(key: string, test: LabelTest, scope: SelectorScope): Expr {
  const label = (labelScope: LabelScope, labelKey: string): Expr => ({
    op: 'label',
    scope: labelScope,
    key: labelKey,
    test,
  });
  if (scope === 'namespace') return label('namespace', key === LABEL_NAME ? NAMESPACE_NAME_LABEL : key);
  if (scope === 'serviceAccount')
    return key === LABEL_NAME ? accountName(test) : label('serviceAccount', key);
  if (key === LABEL_NAMESPACE) return label('namespace', NAMESPACE_NAME_LABEL);
  if (key === LABEL_SERVICE_ACCOUNT) return accountName(test);
  if (key === LABEL_ORCHESTRATOR) return testLabel(test, 'k8s') ? not({ op: 'host' }) : NONE;
  if (key.startsWith(NAMESPACE_PREFIX)) return label('namespace', key.slice(NAMESPACE_PREFIX.length));
  if (key.startsWith(SERVICE_ACCOUNT_PREFIX))
    return label('serviceAccount', key.slice(SERVICE_ACCOUNT_PREFIX.length));
  return label('pod', key);
}

/**
 * A test on the ServiceAccount name. Names are matched as a list, so the substring tests
 * (`contains`, `starts with`, `ends with`) cannot be expressed; selectorWarnings reports them.
 */
function accountName(test: LabelTest): Expr {
  switch (test.is) {
    case 'eq':
      return { op: 'serviceAccount', names: [test.value] };
    case 'in':
      return { op: 'serviceAccount', names: test.values };
    case 'exists':
      return not({ op: 'host' });
    default:
      return NONE;
  }
}

/** Parts of a selector the engine cannot evaluate faithfully, as messages. */
export function selectorWarnings(node: SelectorNode, scope: SelectorScope): string[] {
  switch (node.t) {
    case 'and':
    case 'or':
      return node.of.flatMap((n) => selectorWarnings(n, scope));
    case 'not':
      return selectorWarnings(node.of, scope);
    case 'compare': {
      const nameKey =
        (scope === 'endpoint' && node.key === LABEL_SERVICE_ACCOUNT) ||
        (scope === 'serviceAccount' && node.key === LABEL_NAME);
      if (nameKey && !['eq', 'ne', 'in', 'notin'].includes(node.op))
        return [
          `"${node.key}" can only be compared with ==, !=, in and not in here; this test matches nothing`,
        ];
      return [];
    }
    default:
      return [];
  }
}
