import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClusterSettings, NETWORK_PLUGINS } from '../engine/index.ts';
import { useStore } from '../state/store.ts';
import type { ReachlabState } from '../state/types.ts';
import { type Parsed, parseNamespaceName, parsePodCidrs, parseTrustDomain } from '../views/settingsInput.ts';

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

const selectPlugin = (s: ReachlabState) => s.snapshot?.plugin ?? null;

/** A text setting checked when the user leaves it: a wrong value stays on screen, marked, with what to write. */
function CheckedField<T>({
  label,
  value,
  parse,
  apply,
  hint,
  testId,
  placeholder,
}: {
  label: string;
  value: string;
  parse: (text: string) => Parsed<T>;
  apply: (value: T) => void;
  hint: (bad: string) => string;
  testId: string;
  placeholder?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  return (
    <label>
      {label}
      <input
        key={value}
        data-testid={testId}
        defaultValue={value}
        placeholder={placeholder}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        onBlur={(e) => {
          const parsed = parse(e.target.value);
          if (parsed.ok) {
            setError(null);
            apply(parsed.value);
          } else setError(hint(parsed.error));
        }}
      />
      {error !== null && (
        <span id={errorId} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}

/** What Reachlab assumes about the cluster: which plugin enforces policy, where the ingress controller runs. */
export function SettingsMenu() {
  const { t } = useTranslation();
  const settings = useStore(selectSettings);
  const webgl = useStore((s) => s.webgl);
  const plugin = useStore(selectPlugin);
  const update = useStore.getState().setSettings;
  const updateMesh = (mesh: Partial<ClusterSettings['mesh']>) =>
    update({ ...settings, mesh: { ...settings.mesh, ...mesh } });
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
        {plugin && (
          <p className="setting-note" data-testid="setting-cni-resolved">
            {settings.networkPlugin === 'auto'
              ? t('settings.resolved', { plugin: plugin.label, reason: plugin.reason })
              : t('settings.chosen', { plugin: plugin.label })}
          </p>
        )}
        <CheckedField
          label={t('settings.podCidrs')}
          testId="setting-pod-cidrs"
          value={settings.podCidrs.join(', ')}
          placeholder="10.244.0.0/16"
          parse={parsePodCidrs}
          apply={(podCidrs) => update({ ...settings, podCidrs })}
          hint={(bad) => t('settings.badCidr', { bad })}
        />
        <fieldset className="settings-group">
          <legend>{t('settings.mesh')}</legend>
          <CheckedField
            label={t('settings.trustDomain')}
            testId="setting-trust-domain"
            value={settings.mesh.trustDomain}
            parse={parseTrustDomain}
            apply={(trustDomain) => updateMesh({ trustDomain })}
            hint={(bad) => t('settings.badTrustDomain', { bad })}
          />
          <CheckedField
            label={t('settings.rootNamespace')}
            testId="setting-root-namespace"
            value={settings.mesh.rootNamespace}
            parse={parseNamespaceName}
            apply={(rootNamespace) => updateMesh({ rootNamespace })}
            hint={(bad) => t('settings.badNamespace', { bad })}
          />
          <label>
            {t('settings.membership')}
            <select
              data-testid="setting-membership"
              value={settings.mesh.membership}
              onChange={(e) =>
                updateMesh({ membership: e.target.value as ClusterSettings['mesh']['membership'] })
              }
            >
              <option value="auto">{t('settings.membershipAuto')}</option>
              <option value="markers">{t('settings.membershipMarkers')}</option>
              <option value="all">{t('settings.membershipAll')}</option>
            </select>
          </label>
        </fieldset>
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
