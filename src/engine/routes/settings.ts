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


export function networkPlugin(settings: ClusterSettings): NetworkPlugin {
  return (
    NETWORK_PLUGINS.find((p) => p.id === settings.networkPlugin) ?? (NETWORK_PLUGINS[0] as NetworkPlugin)
  );
}

/**
 * The model as the cluster enforces it: with a plugin that ignores NetworkPolicy (Flannel alone),
 * policies have no effect, so every connection is allowed. Returns the reason to show.
 */
export function applyEnforcement(
  model: ClusterModel,
  settings: ClusterSettings,
): { model: ClusterModel; note: string | null } {
  const plugin = networkPlugin(settings);
  if (plugin.enforces || model.policies.length === 0) return { model, note: null };
  return {
    model: { ...model, policies: [] },
    note: `${plugin.label} does not enforce NetworkPolicy: the ${model.policies.length} ${model.policies.length === 1 ? 'policy is' : 'policies are'} ignored and every connection is allowed. Install a plugin that enforces them (Calico, Cilium, ...) to make them count.`,
  };
}
