import type { ClusterModel } from '../model/types.ts';
import type { ClusterSettings } from '../settings.ts';

export { type ClusterSettings, DEFAULT_SETTINGS } from '../settings.ts';

export interface NetworkPlugin {
  id: string;
  label: string;
  enforces: boolean;
}

/** Network plugins and whether they enforce NetworkPolicy. */
export const NETWORK_PLUGINS: readonly NetworkPlugin[] = [
  { id: 'auto', label: 'Automatic: inferred from the policy kinds present', enforces: true },
  { id: 'enforcing', label: 'A plugin that enforces NetworkPolicy', enforces: true },
  { id: 'calico', label: 'Calico', enforces: true },
  { id: 'cilium', label: 'Cilium', enforces: true },
  { id: 'antrea', label: 'Antrea', enforces: true },
  { id: 'canal', label: 'Canal (Flannel with Calico policy)', enforces: true },
  { id: 'weave', label: 'Weave Net', enforces: true },
  { id: 'kube-router', label: 'kube-router', enforces: true },
  { id: 'flannel', label: 'Flannel alone', enforces: false },
  { id: 'kubenet', label: 'kubenet / no policy support', enforces: false },
];

/**
 * The network plugin in force. With `auto`, inferred from the policy kinds present: Calico
 * objects mean Calico, Cilium objects mean Cilium, otherwise some plugin that enforces
 * NetworkPolicy. `reason` says why, for the settings panel.
 */
export function resolvePlugin(
  settings: ClusterSettings,
  model?: ClusterModel,
): { plugin: NetworkPlugin; reason: string } {
  const byId = (id: string) => NETWORK_PLUGINS.find((p) => p.id === id);
  if (settings.networkPlugin !== 'auto') {
    const chosen = byId(settings.networkPlugin) ?? (byId('enforcing') as NetworkPlugin);
    return { plugin: chosen, reason: 'set in the cluster settings' };
  }
  const kinds = new Set((model?.policies ?? []).map((p) => p.apiVersion.split('/')[0]));
  for (const unsupported of model?.unsupported ?? []) kinds.add(unsupported.apiVersion.split('/')[0]);
  if (kinds.has('projectcalico.org') || kinds.has('crd.projectcalico.org'))
    return { plugin: byId('calico') as NetworkPlugin, reason: 'Calico policy objects are present' };
  if (kinds.has('cilium.io'))
    return { plugin: byId('cilium') as NetworkPlugin, reason: 'Cilium policy objects are present' };
  return {
    plugin: byId('enforcing') as NetworkPlugin,
    reason:
      'no plugin-specific objects: assuming a plugin that enforces NetworkPolicy (choose Flannel if yours does not)',
  };
}

export function networkPlugin(settings: ClusterSettings, model?: ClusterModel): NetworkPlugin {
  return resolvePlugin(settings, model).plugin;
}

/**
 * The model as the cluster enforces it: with a plugin that ignores network policy (Flannel alone),
 * network-layer policies have no effect, so every connection they would decide is allowed (a
 * service mesh still enforces its own). Returns the reason to show.
 */
export function applyEnforcement(
  model: ClusterModel,
  settings: ClusterSettings,
): { model: ClusterModel; note: string | null } {
  const plugin = networkPlugin(settings, model);
  const meshTiers = new Set(model.tiers.filter((t) => t.layer === 'mesh').map((t) => t.key));
  const ignored = model.policies.filter((p) => !meshTiers.has(p.tier));
  if (plugin.enforces || ignored.length === 0) return { model, note: null };
  return {
    model: { ...model, policies: model.policies.filter((p) => meshTiers.has(p.tier)) },
    note: `${plugin.label} does not enforce NetworkPolicy: the ${ignored.length} ${ignored.length === 1 ? 'policy is' : 'policies are'} not enforced and every connection they would decide is allowed. Install a plugin that enforces them (Calico, Cilium, ...) to make them count.`,
  };
}
