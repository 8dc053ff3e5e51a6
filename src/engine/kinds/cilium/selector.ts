import { asArray, asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { ALL, and, type Expr, NONE, not, or } from '../../policy/expr.ts';

/**
 * Cilium endpoint selectors: Kubernetes LabelSelectors whose keys carry a label source
 * (`k8s:app`, `any:app`, bare `app` = any source) and reach beyond pod labels through special keys
 * (`io.kubernetes.pod.namespace`, `io.cilium.k8s.namespace.labels.<key>`,
 * `io.cilium.k8s.policy.serviceaccount`). `reserved:` keys name entities (`reserved:host`).
 */

export const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
export const SERVICE_ACCOUNT_KEY = 'io.cilium.k8s.policy.serviceaccount';
export const CLUSTER_KEY = 'io.cilium.k8s.policy.cluster';

/** One requirement of a selector, with its key split into source and name. */
export interface Requirement {
  source: string;
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A Cilium selector as read: its requirements (matchLabels become `In` with one value). */
export interface CiliumSelector {
  requirements: readonly Requirement[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
/** Label sources a pod's labels come from (Kubernetes) or that match any source. */
const POD_SOURCES = new Set(['k8s', 'any']);

/** Splits `k8s:app` into source `k8s` and key `app`; a bare key has source `any`. */
export function splitKey(raw: string): { source: string; key: string } {
  const colon = raw.indexOf(':');
  // A colon after a slash belongs to the key, not to a source prefix.
  if (colon <= 0 || raw.slice(0, colon).includes('/')) return { source: 'any', key: raw };
  return { source: raw.slice(0, colon), key: raw.slice(colon + 1) };
}

/**
 * Reads an endpoint selector at `path`. Problems the API server rejects (an unknown operator,
 * In/NotIn without values, a value that is not a string) are reported at the field and make the
 * result undefined; `null`/absent reads as the empty selector.
 */
export function readCiliumSelector(
  ctx: ObjectContext,
  node: unknown,
  path: string,
): CiliumSelector | undefined {
  if (node === undefined || node === null) return { requirements: [] };
  const record = asRecord(node);
  if (!record) {
    ctx.report(
      'error',
      node,
      undefined,
      path,
      'an endpoint selector must be a mapping with matchLabels and/or matchExpressions',
      true,
    );
    return undefined;
  }
  const requirements: Requirement[] = [];
  const matchLabels = field(record, 'matchLabels');
  if (matchLabels !== undefined && matchLabels !== null) {
    const labels = asRecord(matchLabels);
    if (!labels) {
      ctx.report(
        'error',
        record,
        'matchLabels',
        `${path}.matchLabels`,
        'matchLabels must be a mapping of key: value',
        true,
      );
      return undefined;
    }
    for (const [raw, value] of Object.entries(labels)) {
      if (typeof value !== 'string') {
        ctx.report(
          'error',
          labels,
          raw,
          `${path}.matchLabels.${raw}`,
          `the value of ${raw} must be a string: write it quoted, "${String(value)}"`,
          true,
        );
        return undefined;
      }
      requirements.push({ ...splitKey(raw), operator: 'In', values: [value] });
    }
  }
  const expressions = field(record, 'matchExpressions');
  if (expressions !== undefined && expressions !== null && !asArray(expressions)) {
    ctx.report(
      'error',
      record,
      'matchExpressions',
      `${path}.matchExpressions`,
      'matchExpressions must be a list',
      true,
    );
    return undefined;
  }
  for (const [i, raw] of (asArray(expressions) ?? []).entries()) {
    const at = `${path}.matchExpressions[${i}]`;
    const expression = asRecord(raw);
    const key = asString(field(expression, 'key'));
    const operator = asString(field(expression, 'operator'));
    const values = (asArray(field(expression, 'values')) ?? []).map(String);
    if (!expression || !key) {
      ctx.report(
        'error',
        expression ?? expressions,
        expression ? 'key' : undefined,
        at,
        'each match expression needs a key',
        true,
      );
      return undefined;
    }
    if (!operator || !OPERATORS.has(operator)) {
      ctx.report(
        'error',
        expression,
        'operator',
        `${at}.operator`,
        `"${operator ?? ''}" is not a selector operator: use In, NotIn, Exists or DoesNotExist`,
        true,
      );
      return undefined;
    }
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (needsValues !== values.length > 0) {
      const message = needsValues
        ? `${operator} needs at least one value in values`
        : `${operator} takes no values: remove values`;
      ctx.report('error', expression, needsValues ? 'operator' : 'values', `${at}.values`, message, true);
      return undefined;
    }
    requirements.push({ ...splitKey(key), operator: operator as Requirement['operator'], values });
  }
  return { requirements };
}

/** Whether the selector names the pod's namespace itself (then no namespace is added). */
export function namesNamespace(selector: CiliumSelector): boolean {
  return selector.requirements.some((r) => POD_SOURCES.has(r.source) && r.key === NAMESPACE_KEY);
}

/** Whether the selector reads namespace labels (a namespaced policy then adds no namespace). */
export function readsNamespaceLabels(selector: CiliumSelector): boolean {
  return selector.requirements.some(
    (r) => POD_SOURCES.has(r.source) && r.key.startsWith(NAMESPACE_LABELS_PREFIX),
  );
}

/** The `reserved:` entities a selector names (`reserved:host` -> `host`). */
export function reservedKeys(selector: CiliumSelector): string[] {
  return selector.requirements.filter((r) => r.source === 'reserved').map((r) => r.key);
}

/** Sources that never label a pod (`container:`, `cidr:`, ...), as written. */
export function foreignSources(selector: CiliumSelector): string[] {
  return selector.requirements
    .filter((r) => !POD_SOURCES.has(r.source) && r.source !== 'reserved')
    .map((r) => r.source);
}

/**
 * The pods a selector matches, as an expression over pod labels, namespace name and labels, and
 * ServiceAccount name. Requirements on sources pods never carry match nothing.
 */
export function selectorExpr(selector: CiliumSelector): Expr {
  return and(...selector.requirements.map(requirementExpr));
}

function requirementExpr(r: Requirement): Expr {
  if (!POD_SOURCES.has(r.source)) return r.operator === 'NotIn' || r.operator === 'DoesNotExist' ? ALL : NONE;
  const present = presenceOf(r.key);
  switch (r.operator) {
    case 'In':
      return valueIn(r.key, r.values);
    case 'NotIn':
      return not(valueIn(r.key, r.values));
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return not(present);
  }
}

/** Every pod has a namespace and a ServiceAccount, so those keys always exist. */
function presenceOf(key: string): Expr {
  if (key === NAMESPACE_KEY || key === SERVICE_ACCOUNT_KEY || key === CLUSTER_KEY) return ALL;
  if (key.startsWith(NAMESPACE_LABELS_PREFIX))
    return {
      op: 'label',
      scope: 'namespace',
      key: key.slice(NAMESPACE_LABELS_PREFIX.length),
      test: { is: 'exists' },
    };
  return { op: 'label', scope: 'pod', key, test: { is: 'exists' } };
}

function valueIn(key: string, values: readonly string[]): Expr {
  if (key === NAMESPACE_KEY) return { op: 'namespace', names: values };
  if (key === SERVICE_ACCOUNT_KEY) return { op: 'serviceAccount', names: values };
  // The cluster name is not in the manifests: one cluster is modelled, and it matches.
  if (key === CLUSTER_KEY) return ALL;
  const test =
    values.length === 1 ? { is: 'eq' as const, value: values[0] as string } : { is: 'in' as const, values };
  if (key.startsWith(NAMESPACE_LABELS_PREFIX))
    return { op: 'label', scope: 'namespace', key: key.slice(NAMESPACE_LABELS_PREFIX.length), test };
  return or({ op: 'label', scope: 'pod', key, test });
}
