import type { LabelSelector } from '../model/types.ts';
import type { PodView } from '../policy/peers.ts';

/**
 * Pods by namespace, and within a namespace by label: the few pods a selector could match, so a
 * finding that asks "does this selector match any pod?" tests those instead of the whole
 * namespace. With a label per workload (instance, hash), most selectors match a handful of pods.
 */
export class PodsByLabel {
  private readonly inNamespace = new Map<string, PodView[]>();
  private readonly byLabel = new Map<string, Map<string, Map<string, PodView[]>>>();
  private readonly byKey = new Map<string, Map<string, PodView[]>>();

  constructor(pods: Iterable<PodView>) {
    for (const pod of pods) {
      push(this.inNamespace, pod.namespace, pod);
      let keys = this.byKey.get(pod.namespace);
      let values = this.byLabel.get(pod.namespace);
      if (!keys || !values) {
        keys = new Map();
        values = new Map();
        this.byKey.set(pod.namespace, keys);
        this.byLabel.set(pod.namespace, values);
      }
      for (const [key, value] of Object.entries(pod.labels)) {
        push(keys, key, pod);
        let members = values.get(key);
        if (!members) {
          members = new Map();
          values.set(key, members);
        }
        push(members, value, pod);
      }
    }
  }

  /** Namespaces with at least one pod. */
  namespaces(): IterableIterator<string> {
    return this.inNamespace.keys();
  }

  /** Every pod of a namespace. */
  pods(namespace: string): readonly PodView[] {
    return this.inNamespace.get(namespace) ?? [];
  }

  /**
   * The pods of `namespace` that `selector` could select: a superset of its matches, narrowed by
   * one of its required labels (matchLabels, an `In` or an `Exists`). Callers still test each one.
   */
  candidates(namespace: string, selector: LabelSelector | undefined): readonly PodView[] {
    if (!selector) return this.pods(namespace);
    const [key, value] = Object.entries(selector.matchLabels)[0] ?? [];
    if (key !== undefined && value !== undefined)
      return this.byLabel.get(namespace)?.get(key)?.get(value) ?? [];
    for (const requirement of selector.matchExpressions) {
      if (requirement.operator === 'Exists') return this.byKey.get(namespace)?.get(requirement.key) ?? [];
      if (requirement.operator === 'In') {
        const values = this.byLabel.get(namespace)?.get(requirement.key);
        return requirement.values.flatMap((v) => values?.get(v) ?? []);
      }
    }
    return this.pods(namespace);
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
