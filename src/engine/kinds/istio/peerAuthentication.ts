import { asRecord, asString, field, type ObjectContext } from '../../model/objectContext.ts';
import { readLabels } from '../../model/readLabels.ts';
import type { Labels } from '../../model/types.ts';
import { portsOf } from '../../policy/connectionSet.ts';
import { ALL, and, type Expr, not } from '../../policy/expr.ts';
import { DEFAULT_SETTINGS } from '../../settings.ts';
import type { ModelDraft, ObjectIdentity } from '../plugin.ts';
import type { CompiledRule, PeerSpec } from '../types.ts';
import { istioExtras, type MtlsMode, type PeerAuthenticationInfo } from './extras.ts';
import { ALL_ADDRESSES, isRejected } from './fields.ts';
import { MESH } from './identity.ts';
import { labelsExpr } from './subject.ts';
import { ISTIO_MTLS_TIER } from './tiers.ts';

const MODES = new Set<MtlsMode>(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);

/**
 * Reads a PeerAuthentication. STRICT refuses plaintext, i.e. everything from outside the mesh; it
 * compiles to deny rules for those peers on the affected ports, PERMISSIVE and DISABLE to pass
 * rules (they settle the port so a less specific policy cannot make it STRICT), UNSET to nothing
 * (inherit). Precedence: port level, then workload selector, then namespace, then the root
 * namespace (mesh-wide), expressed as the policies' order in the mTLS tier.
 */
export function readPeerAuthentication(ctx: ObjectContext, object: ObjectIdentity, draft: ModelDraft): void {
  const settings = draft.settings ?? DEFAULT_SETTINGS;
  const namespace = object.namespace ?? 'default';
  const spec = asRecord(field(ctx.object.value, 'spec'));
  const mode = readMode(ctx, asRecord(field(spec, 'mtls')), 'spec.mtls');
  if (!mode) return;
  const selectorNode = asRecord(field(spec, 'selector'));
  const labels = selectorNode
    ? readLabels(ctx, field(selectorNode, 'matchLabels'), 'spec.selector.matchLabels')
    : {};
  // An empty selector selects the whole namespace: it ranks as a namespace-wide policy.
  const selector: Labels | undefined = Object.keys(labels).length > 0 ? labels : undefined;
  const portLevel = asRecord(field(spec, 'portLevelMtls'));
  const ports: { port: number; mode: MtlsMode; node: unknown }[] = [];
  if (portLevel) {
    if (!selector) {
      ctx.report(
        'error',
        spec,
        'portLevelMtls',
        'spec.portLevelMtls',
        'portLevelMtls needs a workload selector; the policy is rejected',
        true,
        'istio-port-mtls-without-selector',
      );
      return;
    }
    for (const [key, value] of Object.entries(portLevel)) {
      const port = /^\d{1,5}$/.test(key) ? Number(key) : Number.NaN;
      if (!(port >= 1 && port <= 65535)) {
        ctx.report(
          'error',
          portLevel,
          key,
          `spec.portLevelMtls.${key}`,
          `"${key}" is not a port number between 1 and 65535; Istio rejects the policy`,
          true,
          'istio-invalid-port',
        );
        return;
      }
      const portMode = readMode(ctx, asRecord(value), `spec.portLevelMtls.${key}`);
      if (!portMode) return;
      ports.push({ port, mode: portMode, node: value });
    }
  }
  if (isRejected(ctx)) return;
  const inRoot = namespace === settings.mesh.rootNamespace;
  const scope: Expr = inRoot && !selector ? ALL : { op: 'namespace', names: [namespace] };
  const subject = and(MESH, scope, selector ? labelsExpr(selector) : ALL);
  const info: PeerAuthenticationInfo = {
    id: `PeerAuthentication ${namespace}/${object.name}`,
    namespace,
    name: object.name,
    mode,
    ports: ports.map(({ port, mode }) => ({ port, mode })),
    ...(selector ? { selector } : {}),
    ref: ctx.refOf(ctx.object.value),
  };
  istioExtras(draft.extras).peerAuthentications.push(info);
  const plaintext: PeerSpec = {
    endpoints: not(MESH),
    external: ALL_ADDRESSES,
    label: 'plaintext peers (outside the mesh)',
    index: 0,
    ref: info.ref,
  };
  const rules: CompiledRule[] = [];
  const add = (m: MtlsMode, port: number | undefined, node: unknown) => {
    if (m === 'UNSET') return;
    rules.push({
      index: rules.length,
      name: port === undefined ? `mode ${m}` : `port ${port} mode ${m}`,
      action: m === 'STRICT' ? 'deny' : 'pass',
      peers: [plaintext],
      ports: { fixed: port === undefined ? portsOf('TCP') : portsOf('TCP', port), named: [] },
      ref: ctx.refOf(node),
    });
  };
  for (const { port, mode: m, node } of ports) add(m, port, node);
  add(mode, undefined, field(spec, 'mtls') ?? ctx.object.value);
  draft.addTier(ISTIO_MTLS_TIER);
  draft.addPolicy({
    kind: 'PeerAuthentication',
    apiVersion: object.apiVersion,
    id: info.id,
    name: object.name,
    namespace,
    tier: ISTIO_MTLS_TIER.key,
    order: selector ? 1 : inRoot ? 3 : 2,
    subject,
    ingress: { rules, isolates: false },
    ref: info.ref,
    detail: `mTLS ${mode}${selector ? '' : inRoot ? ', mesh-wide' : ', namespace-wide'}`,
  });
}

function readMode(
  ctx: ObjectContext,
  node: Record<string, unknown> | undefined,
  path: string,
): MtlsMode | undefined {
  const text = asString(field(node, 'mode')) ?? 'UNSET';
  if (MODES.has(text as MtlsMode)) return text as MtlsMode;
  ctx.report(
    'error',
    node,
    'mode',
    `${path}.mode`,
    `"${text}" is not an mTLS mode: use UNSET, DISABLE, PERMISSIVE or STRICT; the policy is rejected`,
    true,
    'istio-invalid-mtls-mode',
  );
  return undefined;
}
