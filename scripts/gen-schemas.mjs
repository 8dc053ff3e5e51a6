// Generates the compact schemas in src/engine/schema/*.generated.json from published packages:
//  - Kubernetes core kinds from kubernetes-types (TypeScript declarations generated from the
//    Kubernetes OpenAPI definitions): field names and types. The OpenAPI
//    definitions of that version carry no enums, so the enum fields come from ENUMS below,
//    copied from the Kubernetes API reference.
//  - Istio security kinds from @kubernetes-models/istio (the CRDs' openAPIV3Schema).
// Run: npm run gen:schemas (both packages are devDependencies; the output is then formatted).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const typesRoot = dirname(require.resolve('kubernetes-types/package.json'));
const istioRoot = dirname(require.resolve('@kubernetes-models/istio/package.json'));
const outDir = resolve(import.meta.dirname, '../src/engine/schema');

/** Kinds to ship: `apiVersion Kind` -> declaration file and interface. */
const KINDS = {
  'v1 Namespace': ['core/v1', 'Namespace'],
  'v1 Pod': ['core/v1', 'Pod'],
  'v1 ReplicationController': ['core/v1', 'ReplicationController'],
  'v1 Service': ['core/v1', 'Service'],
  'v1 Endpoints': ['core/v1', 'Endpoints'],
  'v1 ServiceAccount': ['core/v1', 'ServiceAccount'],
  'apps/v1 Deployment': ['apps/v1', 'Deployment'],
  'apps/v1 StatefulSet': ['apps/v1', 'StatefulSet'],
  'apps/v1 DaemonSet': ['apps/v1', 'DaemonSet'],
  'apps/v1 ReplicaSet': ['apps/v1', 'ReplicaSet'],
  'batch/v1 Job': ['batch/v1', 'Job'],
  'batch/v1 CronJob': ['batch/v1', 'CronJob'],
  'discovery.k8s.io/v1 EndpointSlice': ['discovery/v1', 'EndpointSlice'],
  'networking.k8s.io/v1 Ingress': ['networking/v1', 'Ingress'],
  'networking.k8s.io/v1 NetworkPolicy': ['networking/v1', 'NetworkPolicy'],
};

/** Enum fields, from the Kubernetes API reference: `file:Interface.field` -> values. */
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ENUMS = {
  'core/v1:ContainerPort.protocol': PROTOCOLS,
  'core/v1:ServicePort.protocol': PROTOCOLS,
  'core/v1:EndpointPort.protocol': PROTOCOLS,
  'discovery/v1:EndpointPort.protocol': PROTOCOLS,
  'networking/v1:NetworkPolicyPort.protocol': PROTOCOLS,
  'networking/v1:NetworkPolicySpec.policyTypes[]': ['Ingress', 'Egress'],
  'networking/v1:HTTPIngressPath.pathType': ['Exact', 'Prefix', 'ImplementationSpecific'],
  'meta/v1:LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'core/v1:NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'core/v1:ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'core/v1:ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'core/v1:ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'core/v1:ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'core/v1:ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'core/v1:ServiceSpec.ipFamilies[]': ['IPv4', 'IPv6'],
  'core/v1:Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core/v1:PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'core/v1:PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'core/v1:Toleration.operator': ['Exists', 'Equal'],
  'core/v1:Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'apps/v1:DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'apps/v1:DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'apps/v1:StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'apps/v1:StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'batch/v1:CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'batch/v1:JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'discovery/v1:EndpointSlice.addressType': ['IPv4', 'IPv6', 'FQDN'],
};

/** Named types that are plain strings or numbers on the wire. */
const ALIASES = {
  Quantity: 'q',
  Time: 's',
  MicroTime: 's',
  IntOrString: 'x',
  RawExtension: '*',
  FieldsV1: '*',
};

// --- kubernetes-types ------------------------------------------------------------------------

const files = new Map();

/** Reads one declaration file: its imports and its interfaces' fields (types as written). */
function readDeclarations(file) {
  if (files.has(file)) return files.get(file);
  const text = readFileSync(join(typesRoot, `${file}.d.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]*)\} from "([^"]+)"/g)) {
    const target = join(dirname(file), m[2]).replaceAll('\\', '/');
    for (const name of m[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      imports.set(name, target);
  }
  const interfaces = new Map();
  const aliases = new Map();
  for (const m of text.matchAll(/export type (\w+) = ([^;]+);/g)) aliases.set(m[1], m[2].trim());
  for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const fields = [];
    const body = m[2].replace(/\{\s*\[name: string\]: ([^;]+);\s*\}/g, 'Map<$1>');
    for (const f of body.matchAll(/^ {4}(?:readonly )?("?[\w$./-]+"?)\??: ([^;]+);$/gm)) {
      fields.push({ name: f[1].replaceAll('"', ''), type: f[2].trim() });
    }
    interfaces.set(m[1], fields);
  }
  const declarations = { imports, interfaces, aliases };
  files.set(file, declarations);
  return declarations;
}

const defs = {};

function defName(file, name) {
  return `${file.replace('/', '.')}.${name}`;
}

/** Resolves a type as written in `file` to a compact schema type, adding definitions as needed. */
function convert(file, written, enumKey) {
  const type = written.trim();
  const list = /^Array<(.+)>$/.exec(type) ?? /^(.+)\[\]$/.exec(type);
  if (list) {
    const values = enumKey && ENUMS[`${enumKey}[]`];
    return { a: values ? { e: values } : convert(file, list[1]) };
  }
  const map = /^Map<(.+)>$/.exec(type);
  if (map) return { m: convert(file, map[1]) };
  if (enumKey && ENUMS[enumKey]) return { e: ENUMS[enumKey] };
  if (type === 'string' || /^"[^"]*"$/.test(type)) return 's';
  if (type === 'number') return 'n';
  if (type === 'boolean') return 'b';
  if (type === 'number | string' || type === 'string | number') return 'x';
  if (ALIASES[type]) return ALIASES[type];
  const declarations = readDeclarations(file);
  if (declarations.aliases.has(type)) return convert(file, declarations.aliases.get(type));
  if (declarations.interfaces.has(type)) return reference(file, type);
  const imported = declarations.imports.get(type);
  if (imported) return convert(imported, type);
  throw new Error(`unknown type ${type} in ${file}`);
}

function reference(file, name) {
  const key = defName(file, name);
  if (!(key in defs)) {
    defs[key] = null;
    const fields = readDeclarations(file).interfaces.get(name);
    const o = {};
    for (const f of fields) {
      // Status is written by the cluster, never by the user: not worth shipping its schema.
      o[f.name] = f.name === 'status' ? '*' : convert(file, f.type, `${file}:${name}.${f.name}`);
    }
    defs[key] = { o };
  }
  return `#${key}`;
}

/**
 * Fields added after the kubernetes-types release above, from the API reference, so that newer
 * manifests get no unknown-field warnings for them: `file:Interface.field` -> type as written.
 */
const NEWER_FIELDS = {
  'core/v1:ServiceSpec.trafficDistribution': 'string', // 1.31
  'core/v1:PodSpec.resources': 'ResourceRequirements', // 1.32
  'core/v1:Lifecycle.stopSignal': 'string', // 1.33
};

const kinds = {};
for (const [kind, [file, name]] of Object.entries(KINDS)) kinds[kind] = reference(file, name);
for (const [key, written] of Object.entries(NEWER_FIELDS)) {
  const [file, rest] = key.split(':');
  const [name, field] = rest.split('.');
  const def = defs[defName(file, name)];
  if (!def) throw new Error(`newer field ${key} names no shipped definition`);
  if (!(field in def.o)) def.o[field] = convert(file, written);
}
for (const key of Object.keys(ENUMS)) {
  const [file, rest] = key.split(':');
  const [name, field] = rest.replace('[]', '').split('.');
  const def = defs[defName(file, name)];
  if (!def || !(field in def.o)) throw new Error(`enum ${key} names no shipped field`);
}
const typesVersion = JSON.parse(readFileSync(join(typesRoot, 'package.json'), 'utf8')).version;
writeFileSync(
  join(outDir, 'kubernetes.generated.json'),
  `${JSON.stringify({ source: `kubernetes-types@${typesVersion} (Kubernetes OpenAPI); enums from the API reference`, defs, kinds })}\n`,
);

// --- Istio CRDs -------------------------------------------------------------------------------

/** Converts an OpenAPI v3 schema (as in a CRD) to the compact form. */
function fromOpenApi(schema) {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-int-or-string']) {
    return schema?.['x-kubernetes-int-or-string'] ? 'x' : '*';
  }
  if (schema.enum) return { e: schema.enum.filter((v) => typeof v === 'string') };
  switch (schema.type) {
    case 'string':
      return 's';
    case 'integer':
      return 'i';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'array':
      return { a: fromOpenApi(schema.items) };
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0)
        return schema.additionalProperties ? { m: fromOpenApi(schema.additionalProperties) } : '*';
      return { o: Object.fromEntries(properties.map(([k, v]) => [k, fromOpenApi(v)])) };
    }
    default:
      return '*';
  }
}

function istioSchema(path) {
  const text = readFileSync(join(istioRoot, path), 'utf8');
  const start = text.indexOf('const schema = ') + 'const schema = '.length;
  const end = text.indexOf('\n};', start) + 2;
  const schema = JSON.parse(text.slice(start, end));
  const compact = fromOpenApi(schema);
  compact.o.metadata = '*';
  compact.o.apiVersion = 's';
  compact.o.kind = 's';
  return compact;
}

const istioKinds = {};
for (const version of ['v1', 'v1beta1']) {
  istioKinds[`security.istio.io/${version} AuthorizationPolicy`] = istioSchema(
    `security.istio.io/${version}/AuthorizationPolicy.mjs`,
  );
}
istioKinds['security.istio.io/v1beta1 PeerAuthentication'] = istioSchema(
  'security.istio.io/v1beta1/PeerAuthentication.mjs',
);
istioKinds['security.istio.io/v1 PeerAuthentication'] =
  istioKinds['security.istio.io/v1beta1 PeerAuthentication'];
const istioVersion = JSON.parse(readFileSync(join(istioRoot, 'package.json'), 'utf8')).version;
writeFileSync(
  join(outDir, 'istio.generated.json'),
  `${JSON.stringify({ source: `@kubernetes-models/istio@${istioVersion} (Istio CRD schemas)`, defs: {}, kinds: istioKinds })}\n`,
);
console.log(
  `kubernetes: ${Object.keys(defs).length} definitions; istio: ${Object.keys(istioKinds).length} kinds`,
);
