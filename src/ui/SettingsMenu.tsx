import { useTranslation } from 'react-i18next';
import { NETWORK_PLUGINS } from '../engine/index.ts';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';

const selectSettings = (s: ReachlabState) => s.settings;

function parseLabels(text: string): Record<string, string> | null {
  const pairs = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('='));
  if (pairs.some((p) => p.length !== 2 || !p[0]?.trim())) return null;
  return Object.fromEntries(pairs.map(([k, v]) => [(k as string).trim(), (v ?? '').trim()]));
}

/** What Reachlab assumes about the cluster: which plugin enforces policy, where the ingress controller runs. */
export function SettingsMenu() {
  const { t } = useTranslation();
  const settings = useStore(selectSettings);
  const webgl = useStore((s) => s.webgl);
  const update = useStore.getState().setSettings;
  const labelsText = Object.entries(settings.ingressController.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return (
    <details className="settings-menu">
      <summary data-testid="settings">{t('settings.title')}</summary>
      <div className="popover settings-popover">
        <label>
          {t('settings.plugin')}
          <select
            data-testid="setting-cni"
            value={settings.networkPlugin}
            onChange={(e) => update({ ...settings, networkPlugin: e.target.value })}
          >
            {NETWORK_PLUGINS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.enforces ? '' : ` ${t('settings.notEnforcing')}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.ingressNamespace')}
          <input
            defaultValue={settings.ingressController.namespace}
            onBlur={(e) =>
              update({
                ...settings,
                ingressController: {
                  ...settings.ingressController,
                  namespace: e.target.value.trim() || 'ingress-nginx',
                },
              })
            }
          />
        </label>
        <label>
          {t('settings.ingressLabels')}
          <input
            defaultValue={labelsText}
            placeholder="app.kubernetes.io/name=ingress-nginx"
            onBlur={(e) => {
              const labels = parseLabels(e.target.value);
              if (labels)
                update({ ...settings, ingressController: { ...settings.ingressController, labels } });
              else useStore.getState().notify(t('settings.badLabels'), 'error');
            }}
          />
        </label>
        <label>
          {t('settings.domain')}
          <input
            defaultValue={settings.clusterDomain}
            onBlur={(e) => update({ ...settings, clusterDomain: e.target.value.trim() || 'cluster.local' })}
          />
        </label>
        <label className="inline" title={t('toolbar.webglHint')}>
          <input
            type="checkbox"
            data-testid="toggle-webgl"
            checked={webgl}
            onChange={() => useStore.getState().setWebgl(!webgl)}
          />{' '}
          {t('settings.webgl')}
        </label>
      </div>
    </details>
  );
}
