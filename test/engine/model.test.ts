import { describe, expect, it } from 'vitest';
import { buildModel, type Diagnostic, parseSources } from '../../src/engine/index.ts';

const model = (text: string) => {
  const parsed = parseSources([{ name: 'm.yaml', text }]);
  return buildModel(parsed.objects, parsed.diagnostics);
};
const problems = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.severity} line ${d.line} ${d.path ?? ''}: ${d.message}`);

describe('buildModel: workloads', () => {
  const text = `
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web-sa
      nodeSelector: {disk: ssd}
      containers:
        - name: app
          ports: [{containerPort: 8080, name: http}, {containerPort: 53, protocol: UDP}]
      initContainers:
        - name: sidecar
          ports: [{containerPort: 15001, name: proxy}]
---
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: batch}}
        spec: {containers: [{name: c}]}
---
kind: Pod
metadata:
  name: agent-x1
  namespace: infra
  labels: {app: agent}
  ownerReferences: [{kind: DaemonSet, name: agent, controller: true}]
spec: {hostNetwork: true, containers: [{name: a}]}
status: {podIP: 10.0.0.5}
---
kind: Pod
metadata:
  name: agent-x2
  namespace: infra
  labels: {app: agent}
  ownerReferences: [{kind: DaemonSet, name: agent, controller: true}]
spec: {containers: [{name: a}]}
---
kind: Pod
metadata: {name: loner, namespace: infra, ownerReferences: [{kind: Node, name: n1, controller: true}]}
spec: {containers: [{name: a}]}
`;
  const m = model(text);

  it('reads every controller kind and bare Pods, defaulting the namespace', () => {
    expect(m.workloads.map((w) => [w.id, w.kind, w.replicas])).toEqual([
      ['default/nightly', 'CronJob', 1],
      ['infra/agent', 'DaemonSet', 2],
      ['infra/loner', 'Pod', 1],
      ['shop/web', 'Deployment', 3],
    ]);
  });

  it('keeps pod template labels, container ports (with names and protocols), service account, node selector', () => {
    const web = m.workloads.find((w) => w.id === 'shop/web');
    expect(web?.labels).toEqual({ app: 'web' });
    expect(web?.ports).toEqual([
      { port: 8080, name: 'http', protocol: 'TCP', container: 'app' },
      { port: 53, protocol: 'UDP', container: 'app' },
      { port: 15001, name: 'proxy', protocol: 'TCP', container: 'sidecar' },
    ]);
    expect(web?.serviceAccountName).toBe('web-sa');
    expect(web?.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it('groups Pods under their controller owner even when the owner is absent, keeping host network and IPs', () => {
    const agent = m.workloads.find((w) => w.id === 'infra/agent');
    expect(agent?.hostNetwork).toBe(true);
    expect(agent?.podIPs).toEqual(['10.0.0.5']);
  });

  it('implies namespaces from objects and gives every namespace its name label', () => {
    expect(m.namespaces.map((n) => [n.name, n.defined, n.labels])).toEqual([
      ['default', false, { 'kubernetes.io/metadata.name': 'default' }],
      ['infra', false, { 'kubernetes.io/metadata.name': 'infra' }],
      ['shop', false, { 'kubernetes.io/metadata.name': 'shop' }],
    ]);
  });
});

describe('buildModel: Services, Ingresses and other kinds', () => {
  const m = model(`
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: NodePort
  selector: {app: api}
  ports: [{name: web, port: 80, targetPort: http, nodePort: 30080}, {port: 53, protocol: UDP}]
---
kind: Service
metadata: {name: db-headless, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
kind: Service
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com}
---
kind: Ingress
metadata: {name: front, namespace: shop}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: tls}]
  defaultBackend: {service: {name: api, port: {number: 80}}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: web}}}}
---
kind: ConfigMap
metadata: {name: a}
---
kind: ConfigMap
metadata: {name: b}
---
kind: ClusterRole
metadata: {name: c}
`);

  it('reads Service type, selector, ports with targetPort and nodePort, headless and ExternalName', () => {
    expect(m.services.map((s) => [s.id, s.type, s.headless, s.selector, s.externalName])).toEqual([
      ['shop/api', 'NodePort', false, { app: 'api' }, undefined],
      ['shop/db-headless', 'ClusterIP', true, { app: 'db' }, undefined],
      ['shop/ext', 'ExternalName', false, undefined, 'db.example.com'],
    ]);
    expect(m.services[0]?.ports).toEqual([
      { name: 'web', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 },
      { protocol: 'UDP', port: 53, targetPort: 53 },
    ]);
  });

  it('reads Ingress class, rules, paths, default backend and TLS', () => {
    const [ingress] = m.ingresses;
    expect(ingress?.ingressClassName).toBe('nginx');
    expect(ingress?.rules).toEqual([
      {
        host: 'shop.example.com',
        paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: 'web' } } }],
      },
    ]);
    expect(ingress?.defaultBackend).toEqual({ service: { name: 'api', port: 80 } });
    expect(ingress?.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'tls' }]);
  });

  it('keeps other kinds as counts, never as errors', () => {
    expect(m.ignored).toEqual({ ConfigMap: 2, ClusterRole: 1 });
    expect(m.diagnostics).toEqual([]);
  });
});

describe('buildModel: invalid fields become diagnostics at their path and line', () => {
  const cases: {
    what: string;
    yaml: string;
    expect: RegExp;
    keeps: { policies: number; workloads?: number };
  }[] = [
    {
      what: 'a bad selector operator drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchExpressions:\n      - {key: app, operator: Equals, values: [a]}\n',
      expect:
        /^error line 6 spec\.podSelector\.matchExpressions\[0\]\.operator: "Equals" is not a selector operator/,
      keeps: { policies: 0 },
    },
    {
      what: 'a protocol that is not TCP/UDP/SCTP drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: tcp\n          port: 80\n',
      expect:
        /^error line 7 spec\.ingress\[0\]\.ports\[0\]\.protocol: "tcp" is not a protocol.*upper case: TCP/,
      keeps: { policies: 0 },
    },
    {
      what: 'a port out of range drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 70000\n',
      expect: /^error line 7 spec\.ingress\[0\]\.ports\[0\]\.port: 70000 is out of range/,
      keeps: { policies: 0 },
    },
    {
      what: 'a malformed CIDR drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/33\n',
      expect: /^error line 8 spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: "10\.0\.0\.0\/33" is not a CIDR/,
      keeps: { policies: 0 },
    },
    {
      what: 'an except outside its CIDR drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}\n',
      expect: /except\[0\]: "11\.0\.0\.0\/16" must be a CIDR strictly inside 10\.0\.0\.0\/8/,
      keeps: { policies: 0 },
    },
    {
      what: 'an unquoted yes/no/on/off label value is ignored with a hint to quote it',
      yaml: 'kind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      labels:\n        app: d\n        canary: yes\n',
      expect:
        /^error line 8 spec\.template\.metadata\.labels\.canary: kubectl reads the unquoted value yes as a boolean.*"yes"/,
      keeps: { policies: 0, workloads: 1 },
    },
    {
      what: 'a boolean or number label value is ignored with a hint to quote it',
      yaml: 'kind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 1.5\n',
      expect: /^error line 5 metadata\.labels\.version: YAML reads 1\.5 as a number.*"1\.5"/,
      keeps: { policies: 0, workloads: 1 },
    },
    {
      what: 'a peer that mixes ipBlock and selectors drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          podSelector: {}\n',
      expect: /cannot also have podSelector/,
      keeps: { policies: 0 },
    },
    {
      what: 'an unknown policy type drops the policy',
      yaml: 'kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: [Ingres]\n',
      expect: /"Ingres" is not a policy type/,
      keeps: { policies: 0 },
    },
    {
      what: 'an object without a name is skipped',
      yaml: 'kind: Deployment\nmetadata: {generateName: web-}\n',
      expect: /has no metadata\.name \(generateName/,
      keeps: { policies: 0, workloads: 0 },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const m = model(c.yaml);
      expect(problems(m.diagnostics).join('\n')).toMatch(c.expect);
      expect(m.policies).toHaveLength(c.keeps.policies);
      if (c.keeps.workloads !== undefined) expect(m.workloads).toHaveLength(c.keeps.workloads);
    });
  }

  it('quoted "yes" is a fine label value', () => {
    const m = model('kind: Pod\nmetadata:\n  name: p\n  labels: {canary: "yes", other: \'on\'}\n');
    expect(m.diagnostics).toEqual([]);
    expect(m.workloads[0]?.labels).toEqual({ canary: 'yes', other: 'on' });
  });

  it('a bad object does not affect the good ones next to it', () => {
    const m = model(
      'kind: NetworkPolicy\nmetadata: {name: bad}\nspec: {podSelector: {matchExpressions: [{key: a, operator: Nope}]}}\n---\nkind: NetworkPolicy\nmetadata: {name: good}\nspec: {podSelector: {}}\n',
    );
    expect(m.policies.map((p) => p.name)).toEqual(['good']);
  });
});

describe('buildModel: kubectl get all dumps', () => {
  it('folds a ReplicaSet owned by a Deployment in the input (and its Pods) into the Deployment', () => {
    const m = model(`
apiVersion: v1
kind: List
items:
  - kind: Deployment
    metadata: {name: web, namespace: shop}
    spec: {replicas: 2, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}
  - kind: ReplicaSet
    metadata: {name: web-7d9f, namespace: shop, ownerReferences: [{kind: Deployment, name: web, controller: true}]}
    spec: {replicas: 2, template: {metadata: {labels: {app: web, pod-template-hash: 7d9f}}, spec: {containers: [{name: c}]}}}
  - kind: Pod
    metadata: {name: web-7d9f-a, namespace: shop, labels: {app: web, pod-template-hash: 7d9f}, ownerReferences: [{kind: ReplicaSet, name: web-7d9f, controller: true}]}
  - kind: CronJob
    metadata: {name: report, namespace: shop}
    spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c}]}}}}}
  - kind: Job
    metadata: {name: report-28391, namespace: shop, ownerReferences: [{kind: CronJob, name: report, controller: true}]}
    spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: c}]}}}
  - kind: ReplicaSet
    metadata: {name: orphan-rs, namespace: shop, ownerReferences: [{kind: Deployment, name: gone, controller: true}]}
    spec: {template: {metadata: {labels: {app: orphan}}, spec: {containers: [{name: c}]}}}
`);
    expect(m.workloads.map((w) => [w.id, w.kind])).toEqual([
      ['shop/orphan-rs', 'ReplicaSet'],
      ['shop/report', 'CronJob'],
      ['shop/web', 'Deployment'],
    ]);
  });
});
