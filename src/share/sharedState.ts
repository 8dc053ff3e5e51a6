import { type ClusterSettings, DEFAULT_SETTINGS, NETWORK_PLUGINS } from '../engine/routes/settings.ts';
import type { IdentityEdit, LabelEdit, Selection } from '../state/types.ts';
import { readTeachShared, type TeachShared } from './teachState.ts';

/** Everything a link or a state file carries: enough to reproduce exactly what the sender saw. */
export interface SharedState {
  version: 1;
  sources: { name: string; text: string }[];
  edits: LabelEdit[];
  /** What-if ServiceAccounts and mesh memberships (absent in states saved before they existed). */
  identityEdits?: IdentityEdit[];
  selection: Selection;
  view: 'graph' | 'matrix';
  verdictFilter: { allowed: boolean; partial: boolean; denied: boolean; unrestricted: boolean };
  hiddenNamespaces: string[];
  search: string;
  showRoutes: boolean | null;
  sampleId: string | null;
  settings: ClusterSettings;
  /** The lesson in progress and ghost pods (absent in states saved before lessons existed). */
  teach?: TeachShared;
  /** The graph's zoom and pan, so the receiver sees the same part of the picture (optional). */
  graphView?: { zoom: number; pan: { x: number; y: number } };
  /** The interface language (`en`, `zh-CN`), optional. */
  language?: string;
}

export const STATE_VERSION = 1;

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_SOURCES = 500;
const MAX_EDITS = 5000;

class ShapeError extends Error {}

function fail(path: string, what: string): never {
  throw new ShapeError(`${path} ${what}`);
}

function string(value: unknown, path: string, max = 50_000_000): string {
  if (typeof value !== 'string') fail(path, 'is not text');
  if (value.length > max) fail(path, 'is too long');
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'is not true or false');
  return value;
}

function selection(value: unknown): Selection {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) fail('selection', 'is not an object');
  if (value.kind === 'workload') return { kind: 'workload', id: string(value.id, 'selection.id', 1000) };
  if (value.kind === 'namespace')
    return { kind: 'namespace', name: string(value.name, 'selection.name', 1000) };
  if (value.kind === 'pair')
    return {
      kind: 'pair',
      from: string(value.from, 'selection.from', 1000),
      to: string(value.to, 'selection.to', 1000),
    };
  fail('selection.kind', 'is not workload, namespace or pair');
}

function settings(value: unknown): ClusterSettings {
  if (!isRecord(value)) return structuredClone(DEFAULT_SETTINGS);
  const controller = isRecord(value.ingressController) ? value.ingressController : {};
  const labels = isRecord(controller.labels) ? controller.labels : DEFAULT_SETTINGS.ingressController.labels;
  const plugin =
    typeof value.networkPlugin === 'string' && NETWORK_PLUGINS.some((p) => p.id === value.networkPlugin)
      ? value.networkPlugin
      : DEFAULT_SETTINGS.networkPlugin;
  const mesh = isRecord(value.mesh) ? value.mesh : {};
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v.slice(0, 253) : fallback);
  return {
    networkPlugin: plugin,
    podCidrs: Array.isArray(value.podCidrs)
      ? value.podCidrs
          .filter((c): c is string => typeof c === 'string')
          .slice(0, 16)
          .map((c) => c.slice(0, 64))
      : [...DEFAULT_SETTINGS.podCidrs],
    mesh: {
      trustDomain: text(mesh.trustDomain, DEFAULT_SETTINGS.mesh.trustDomain),
      rootNamespace: text(mesh.rootNamespace, DEFAULT_SETTINGS.mesh.rootNamespace),
      membership:
        mesh.membership === 'all' || mesh.membership === 'markers' || mesh.membership === 'auto'
          ? mesh.membership
          : DEFAULT_SETTINGS.mesh.membership,
    },
    ingressController: {
      namespace:
        typeof controller.namespace === 'string'
          ? controller.namespace.slice(0, 253)
          : DEFAULT_SETTINGS.ingressController.namespace,
      labels: Object.fromEntries(
        Object.entries(labels).map(([k, v], i) => [
          string(k, `settings.ingressController.labels key ${i}`, 317),
          string(v, `settings.ingressController.labels.${k}`, 63),
        ]),
      ),
    },
    clusterDomain:
      typeof value.clusterDomain === 'string' && value.clusterDomain
        ? value.clusterDomain.slice(0, 253)
        : DEFAULT_SETTINGS.clusterDomain,
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A zoom and pan within sane bounds, or nothing (an old link, or a damaged field). */
function graphView(value: unknown): SharedState['graphView'] {
  if (!isRecord(value) || !isRecord(value.pan)) return undefined;
  const { zoom } = value;
  const { x, y } = value.pan;
  if (!finite(zoom) || zoom < 0.01 || zoom > 10 || !finite(x) || !finite(y)) return undefined;
  const clamp = (n: number) => Math.max(-1e7, Math.min(1e7, n));
  return { zoom, pan: { x: clamp(x), y: clamp(y) } };
}

function edit(value: unknown, index: number): LabelEdit {
  const path = `edits[${index}]`;
  if (!isRecord(value) || !isRecord(value.target)) fail(path, 'is not a label edit');
  const target = value.target;
  const parsedTarget =
    target.kind === 'workload'
      ? { kind: 'workload' as const, id: string(target.id, `${path}.target.id`, 1000) }
      : target.kind === 'namespace'
        ? { kind: 'namespace' as const, name: string(target.name, `${path}.target.name`, 1000) }
        : fail(`${path}.target.kind`, 'is not workload or namespace');
  return {
    target: parsedTarget,
    key: string(value.key, `${path}.key`, 400),
    value: string(value.value, `${path}.value`, 400),
    enabled: boolean(value.enabled, `${path}.enabled`),
  };
}

/** A ServiceAccount name: a DNS-1123 subdomain (lower case, digits, '-', '.'), at most 253. */
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function identityEdit(value: unknown, index: number): IdentityEdit {
  const path = `identityEdits[${index}]`;
  if (!isRecord(value)) fail(path, 'is not an identity edit');
  const workload = string(value.workload, `${path}.workload`, 1000);
  if (value.field === 'inMesh')
    return { workload, field: 'inMesh', value: boolean(value.value, `${path}.value`) };
  if (value.field !== 'serviceAccountName') fail(`${path}.field`, 'is not serviceAccountName or inMesh');
  const account = string(value.value, `${path}.value`, 253);
  if (!SERVICE_ACCOUNT.test(account)) fail(`${path}.value`, 'is not a ServiceAccount name');
  return { workload, field: 'serviceAccountName', value: account };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * Checks that untrusted data (from a link or a file) has the shape of a SharedState and copies
 * only the known fields, so nothing unexpected reaches the store. Says what is wrong, and where.
 */
export function validateSharedState(value: unknown): Validation<SharedState> {
  try {
    if (!isRecord(value)) fail('the state', 'is not an object');
    if (value.version !== STATE_VERSION) {
      const newer = typeof value.version === 'number' && value.version > STATE_VERSION;
      return {
        ok: false,
        message: newer
          ? `it was made by a newer Reachlab (state version ${value.version}); update Reachlab to open it`
          : 'it has no Reachlab state version',
      };
    }
    if (!Array.isArray(value.sources)) fail('sources', 'is not a list');
    if (value.sources.length > MAX_SOURCES) fail('sources', `has more than ${MAX_SOURCES} files`);
    const sources = value.sources.map((s, i) => {
      if (!isRecord(s)) fail(`sources[${i}]`, 'is not a file');
      return { name: string(s.name, `sources[${i}].name`, 500), text: string(s.text, `sources[${i}].text`) };
    });
    const edits = Array.isArray(value.edits) ? value.edits : [];
    if (edits.length > MAX_EDITS) fail('edits', `has more than ${MAX_EDITS} entries`);
    const identityEdits = value.identityEdits === undefined ? [] : value.identityEdits;
    if (!Array.isArray(identityEdits)) fail('identityEdits', 'is not a list');
    if (identityEdits.length > MAX_EDITS) fail('identityEdits', `has more than ${MAX_EDITS} entries`);
    const filter = isRecord(value.verdictFilter) ? value.verdictFilter : {};
    const hidden = Array.isArray(value.hiddenNamespaces) ? value.hiddenNamespaces : [];
    return {
      ok: true,
      value: {
        version: STATE_VERSION,
        sources,
        edits: edits.map(edit),
        ...(identityEdits.length > 0 ? { identityEdits: identityEdits.map(identityEdit) } : {}),
        selection: selection(value.selection),
        view: value.view === 'matrix' ? 'matrix' : 'graph',
        verdictFilter: {
          allowed: filter.allowed !== false,
          partial: filter.partial !== false,
          denied: filter.denied === true,
          unrestricted: filter.unrestricted === true,
        },
        hiddenNamespaces: hidden.map((n, i) => string(n, `hiddenNamespaces[${i}]`, 300)),
        search: typeof value.search === 'string' ? value.search.slice(0, 500) : '',
        showRoutes: typeof value.showRoutes === 'boolean' ? value.showRoutes : null,
        sampleId: typeof value.sampleId === 'string' ? value.sampleId.slice(0, 200) : null,
        settings: settings(value.settings),
        // Only states that carry a lesson or ghosts have this part; older ones stay as they were.
        ...(value.teach !== undefined ? { teach: readTeachShared(value.teach) } : {}),
        ...optional('graphView', graphView(value.graphView)),
        ...optional(
          'language',
          typeof value.language === 'string' && /^[a-zA-Z-]{2,12}$/.test(value.language)
            ? value.language
            : undefined,
        ),
      },
    };
  } catch (error) {
    if (error instanceof ShapeError)
      return { ok: false, message: `it is not a Reachlab state: ${error.message}` };
    throw error;
  }
}
