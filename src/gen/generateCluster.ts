import { Random } from './random.ts';

export interface ClusterShape {
  workloads: number;
  namespaces: number;
  policies: number;
  seed: number;
  /**
   * Every workload its own label set that policies read (an `instance` label some selectors name
   * with In/NotIn), as in clusters whose pods carry version, instance and hash labels: no two
   * workloads fall into one pod class.
   */
  distinct?: boolean;
}

const TEAMS = ['payments', 'search', 'identity', 'growth', 'platform', 'data', 'mobile', 'ads'];
const ENVS = ['prod', 'staging', 'dev'];
const TIERS = ['web', 'api', 'worker', 'cache', 'db', 'batch'];
const APPS = [
  'gateway',
  'checkout',
  'catalog',
  'cart',
  'users',
  'auth',
  'search',
  'indexer',
  'mailer',
  'reports',
  'billing',
  'ledger',
  'feeds',
  'images',
  'notify',
  'recs',
];
const PORTS: Record<string, { name: string; port: number; protocol?: string }[]> = {
  web: [{ name: 'http', port: 8080 }],
  api: [
    { name: 'http', port: 8080 },
    { name: 'grpc', port: 9090 },
  ],
  worker: [
    { name: 'metrics', port: 9100 },
    { name: 'statsd', port: 8125, protocol: 'UDP' },
  ],
  cache: [{ name: 'redis', port: 6379 }],
  db: [{ name: 'postgres', port: 5432 }],
  batch: [],
};

interface GeneratedWorkload {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  tier: string;
}

/** ipBlock peers: a CIDR and an optional except inside it. */
const IP_BLOCKS: readonly [string, string | undefined][] = [
  ['0.0.0.0/0', '10.0.0.0/8'],
  ['192.168.0.0/16', '192.168.1.0/24'],
  ['172.16.0.0/12', '172.16.5.0/24'],
  ['203.0.113.0/24', undefined],
];

const yamlLabels = (labels: Record<string, string>) =>
  `{ ${Object.entries(labels)
    .map(([k, v]) => `${k}: "${v}"`)
    .join(', ')} }`;

/**
 * A realistic synthetic cluster as multi-document YAML: namespaces labelled by team and env,
 * workloads with app/tier/team/env labels and named ports, a default deny in most namespaces,
 * and allow policies with pod and namespace selectors, matchExpressions, named ports, port
 * ranges and ipBlocks. Deterministic for a given shape and seed.
 */
export function generateCluster(shape: ClusterShape): string {
  const random = new Random(shape.seed);
  const docs: string[] = [];
  const namespaces = Array.from({ length: Math.max(1, shape.namespaces) }, (_, i) => ({
    name: `ns-${i}`,
    team: TEAMS[i % TEAMS.length] as string,
    env: random.skewed(ENVS),
  }));
  for (const ns of namespaces) {
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns.name}\n  labels: ${yamlLabels({ team: ns.team, env: ns.env })}`,
    );
  }
  const workloads: GeneratedWorkload[] = [];
  for (let i = 0; i < shape.workloads; i++) {
    const ns = namespaces[i % namespaces.length] as (typeof namespaces)[number];
    const tier = random.skewed(TIERS);
    const app = random.skewed(APPS);
    const labels: Record<string, string> = { app, tier, team: ns.team, env: ns.env };
    if (random.chance(0.2)) labels.version = random.pick(['v1', 'v2', 'canary']);
    if (random.chance(0.1)) labels.access = 'true';
    // Labels no policy reads, as Helm and release tooling add them: they vary per workload.
    labels['app.kubernetes.io/managed-by'] = 'Helm';
    labels['helm.sh/chart'] = `${app}-${1 + random.int(3)}.${random.int(20)}.${random.int(10)}`;
    labels['app.kubernetes.io/version'] = `${random.int(5)}.${random.int(30)}.${random.int(100)}`;
    const name = `${app}-${tier}-${i}`;
    if (shape.distinct) {
      labels.instance = name;
      labels.track = random.pick(['stable', 'canary', 'preview']);
    }
    workloads.push({ namespace: ns.name, name, labels, tier });
    const ports = (PORTS[tier] ?? []).map(
      (p) =>
        `            - { name: ${p.name}, containerPort: ${p.port}${p.protocol ? `, protocol: ${p.protocol}` : ''} }`,
    );
    docs.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${name}`,
        `  namespace: ${ns.name}`,
        'spec:',
        `  replicas: ${1 + random.int(4)}`,
        '  template:',
        '    metadata:',
        `      labels: ${yamlLabels(labels)}`,
        '    spec:',
        '      containers:',
        '        - name: main',
        '          image: registry.example/app:1',
        ...(ports.length ? ['          ports:', ...ports] : []),
      ].join('\n'),
    );
  }
  let remaining = shape.policies;
  // A default deny in most namespaces (some deny egress too, with DNS allowed), as teams do.
  for (const ns of namespaces) {
    if (remaining <= 0 || random.chance(0.2)) continue;
    const egress = random.chance(0.3);
    docs.push(
      policy(
        ns.name,
        'default-deny',
        `  podSelector: {}\n  policyTypes: [Ingress${egress ? ', Egress' : ''}]`,
      ),
    );
    remaining--;
    if (egress && remaining > 0) {
      docs.push(
        policy(
          ns.name,
          'allow-dns',
          '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector: {}\n          podSelector: { matchLabels: { k8s-app: kube-dns } }\n      ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]\n    - to:\n        - podSelector: {}\n    - to:\n        - ipBlock: { cidr: 10.0.0.0/8, except: [10.96.0.0/12] }\n      ports: [{ port: 443 }]',
        ),
      );
      remaining--;
    }
  }
  for (let i = 0; remaining > 0; i++, remaining--) {
    const target = random.pick(workloads);
    const spec = allowSpec(random, target, namespaces, shape.distinct ? workloads : undefined);
    docs.push(policy(target.namespace, `allow-${i}`, spec));
  }
  return `${docs.map((d) => `---\n${d}`).join('\n')}\n`;
}

function policy(namespace: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec}`;
}

function allowSpec(
  random: Random,
  target: GeneratedWorkload,
  namespaces: readonly { name: string; team: string; env: string }[],
  /** In distinct mode: workloads whose instance labels selectors may name. */
  instances?: readonly GeneratedWorkload[],
): string {
  const instanceList = () =>
    [target, random.pick(instances ?? []), random.pick(instances ?? [])].map((w) => w.name).join(', ');
  const selector =
    instances && random.chance(0.3)
      ? `{ matchExpressions: [{ key: instance, operator: In, values: [${instanceList()}] }, { key: track, operator: NotIn, values: [preview] }] }`
      : random.chance(0.7)
        ? `{ matchLabels: { app: ${target.labels.app}, tier: ${target.tier} } }`
        : `{ matchExpressions: [{ key: tier, operator: In, values: [${target.tier}, ${random.pick(TIERS)}] }] }`;
  const lines = [`  podSelector: ${selector}`];
  const peers: string[] = [];
  const peerCount = 1 + random.int(3);
  for (let p = 0; p < peerCount; p++) {
    const kind = random.int(10);
    if (instances && random.chance(0.4)) {
      const operator = random.pick(['In', 'NotIn']);
      peers.push(
        `        - podSelector: { matchExpressions: [{ key: instance, operator: ${operator}, values: [${instanceList()}] }, { key: track, operator: Exists }] }\n          namespaceSelector: { matchLabels: { team: ${random.pick(namespaces).team} } }`,
      );
    } else if (kind < 4)
      peers.push(`        - podSelector: { matchLabels: { tier: ${random.skewed(TIERS)} } }`);
    else if (kind < 6)
      peers.push(
        `        - namespaceSelector: { matchLabels: { team: ${random.pick(namespaces).team} } }\n          podSelector: { matchLabels: { app: ${random.skewed(APPS)} } }`,
      );
    else if (kind < 7)
      peers.push(
        `        - namespaceSelector: { matchExpressions: [{ key: env, operator: NotIn, values: [dev] }] }`,
      );
    else if (kind < 8) {
      // version is on a fifth of the pods only: NotIn and DoesNotExist must match the rest.
      const operator = random.pick(['Exists', 'DoesNotExist', 'NotIn']);
      peers.push(
        `        - podSelector: { matchExpressions: [{ key: version, operator: ${operator}${operator === 'NotIn' ? ', values: [canary]' : ''} }] }`,
      );
    } else if (kind < 9)
      peers.push(
        `        - podSelector: { matchLabels: { access: "true" } }\n          namespaceSelector: {}`,
      );
    else {
      const [cidr, except] = random.pick(IP_BLOCKS);
      peers.push(`        - ipBlock: { cidr: ${cidr}${except ? `, except: [${except}]` : ''} }`);
    }
  }
  const portKind = random.int(6);
  let ports = '';
  if (portKind === 0) ports = '      ports: [{ port: http }]';
  else if (portKind === 1) ports = '      ports: [{ port: grpc }, { port: metrics }]';
  else if (portKind === 2) {
    const start = random.pick([5000, 8000, 9000]);
    ports = `      ports: [{ port: ${start}, endPort: ${start + random.pick([10, 100, 500])} }]`;
  } else if (portKind === 3)
    ports = random.pick([
      '      ports: [{ protocol: UDP }]',
      '      ports: [{ port: statsd, protocol: UDP }]',
      '      ports: [{ port: statsd }]',
    ]);
  else if (portKind === 4) ports = '      ports: [{ port: 5432 }, { port: 6379 }]';
  const direction = random.chance(0.75) ? 'ingress' : 'egress';
  lines.push(`  policyTypes: [${direction === 'ingress' ? 'Ingress' : 'Egress'}]`);
  lines.push(`  ${direction}:`);
  lines.push(`    - ${direction === 'ingress' ? 'from' : 'to'}:`);
  lines.push(...peers);
  if (ports) lines.push(ports);
  return lines.join('\n');
}
