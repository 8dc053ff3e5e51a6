/**
 * Shrinks a cluster on which the engine and the oracle disagree to the smallest one that still
 * shows a disagreement: greedily drops objects, list items and label keys while it persists.
 * Every step keeps the cluster valid under the API's validation (required fields and the values
 * of In/NotIn requirements are never removed).
 */
import { compareCluster } from './differential.ts';
import type { KubeObject } from './randomCluster.ts';

type Path = (string | number)[];

/** Keys whose removal would make the object invalid, or that only name things. */
const KEEP = new Set(['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'spec', 'containers', 'image']);
const KEEP_LISTS = new Set(['values']);

function clone<T>(value: T): T {
  return structuredClone(value);
}

function removeAt(root: KubeObject[], path: Path): KubeObject[] | undefined {
  const copy = clone(root);
  let parent: unknown = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, unknown>)[last];
  return copy;
}

/** Every removable list item and optional key, outermost first (big cuts before small ones). */
function candidates(value: unknown, path: Path, out: Path[], key?: string): void {
  if (Array.isArray(value)) {
    if (key !== undefined && KEEP_LISTS.has(key)) return;
    value.forEach((item, i) => {
      out.push([...path, i]);
      candidates(item, [...path, i], out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // A peer needs at least one of its selectors; an ipBlock needs its cidr; a port its number.
      if (!KEEP.has(k) && k !== 'cidr' && k !== 'key' && k !== 'operator' && k !== 'containerPort')
        out.push([...path, k]);
      candidates(v, [...path, k], out, k);
    }
  }
}

function disagrees(objects: KubeObject[]): boolean {
  try {
    return compareCluster(objects).disagreements.length > 0;
  } catch {
    return false;
  }
}

function hasEmptyPeer(objects: KubeObject[]): boolean {
  return objects.some((o) => {
    const spec = o.spec as Record<string, unknown> | undefined;
    const rules = [
      ...((spec?.ingress as Record<string, unknown>[] | undefined) ?? []),
      ...((spec?.egress as Record<string, unknown>[] | undefined) ?? []),
    ];
    return rules.some((r) =>
      [...((r.from as object[] | undefined) ?? []), ...((r.to as object[] | undefined) ?? [])].some(
        (p) => Object.keys(p).length === 0,
      ),
    );
  });
}

/** In/NotIn without values, or endPort without a numeric port: both rejected by the API. */
function breaksValidation(objects: KubeObject[]): boolean {
  const json = JSON.stringify(objects);
  return /"operator":"(In|NotIn)"\}/.test(json) || /\{("protocol":"\w+",)?"endPort"/.test(json);
}

/** The smallest cluster found that still shows a disagreement (the input itself if none is smaller). */
export function minimise(objects: readonly KubeObject[], budget = 2000): KubeObject[] {
  let current = clone([...objects]);
  let tries = 0;
  let shrunk = true;
  while (shrunk && tries < budget) {
    shrunk = false;
    const paths: Path[] = [];
    candidates(current, [], paths);
    for (const path of paths) {
      if (++tries > budget) break;
      const next = removeAt(current, path);
      if (!next || hasEmptyPeer(next) || breaksValidation(next)) continue;
      if (disagrees(next)) {
        current = next;
        shrunk = true;
        break;
      }
    }
  }
  return current;
}
