import { loadAll } from 'js-yaml';

type Labels = Record<string, string>;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function matchLabels(selector: unknown): Labels | null {
  if (!isRecord(selector)) return null;
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
}

function nameOf(labels: Labels, fallback: string): string {
  const value = labels.app ?? Object.values(labels)[0] ?? fallback;
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || fallback
  );
}

/**
 * For manifests that hold policies but no workloads: one example Pod per distinct pod selector
 * the policies use (their own podSelector and the podSelectors of their peers), in the policy's
 * namespace, carrying the selector's matchLabels. Enough to see the policies act; returned as
 * YAML the user can read and edit. Empty when no policy is found.
 */
export function examplePodsFor(texts: readonly string[]): string {
  const pods = new Map<string, { namespace: string; labels: Labels }>();
  const add = (namespace: string, labels: Labels | null) => {
    if (!labels) return;
    const key = `${namespace}|${JSON.stringify(Object.entries(labels).sort())}`;
    if (!pods.has(key)) pods.set(key, { namespace, labels });
  };
  for (const text of texts) {
    let docs: unknown[] = [];
    try {
      docs = loadAll(text);
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (!isRecord(doc) || doc.kind !== 'NetworkPolicy' || !isRecord(doc.spec)) continue;
      const namespace =
        isRecord(doc.metadata) && typeof doc.metadata.namespace === 'string'
          ? doc.metadata.namespace
          : 'default';
      add(namespace, matchLabels(doc.spec.podSelector));
      for (const direction of ['ingress', 'egress'] as const) {
        const rules = doc.spec[direction];
        if (!Array.isArray(rules)) continue;
        for (const rule of rules) {
          const peers = isRecord(rule) ? (rule.from ?? rule.to) : null;
          if (!Array.isArray(peers)) continue;
          for (const peer of peers)
            if (isRecord(peer) && peer.podSelector && !peer.namespaceSelector)
              add(namespace, matchLabels(peer.podSelector));
        }
      }
    }
  }
  const used = new Set<string>();
  return [...pods.values()]
    .map(({ namespace, labels }, i) => {
      let name = nameOf(labels, `example-${i + 1}`);
      while (used.has(`${namespace}/${name}`)) name = `${name}-${i + 1}`;
      used.add(`${namespace}/${name}`);
      const shown = Object.keys(labels).length > 0 ? labels : { app: name };
      const labelText = Object.entries(shown)
        .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
        .join(', ');
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: { ${labelText} }\nspec:\n  containers:\n    - name: main\n      image: registry.example/app:1\n`;
    })
    .join('---\n');
}
