import { describe, expect, it } from 'vitest';
import { analyze, modelFromSources, parseSources } from '../../src/engine/index.ts';
import { validateObject } from '../../src/engine/schema/validateObject.ts';

const check = (text: string) => {
  const { objects } = parseSources([{ name: 'in.yaml', text }]);
  return objects.flatMap((o) => validateObject(o));
};

describe('objects of known kinds are checked against their schema', () => {
  const rows: [
    string,
    string,
    string,
    { code: string; severity: string; line: number; column: number; message: RegExp },
  ][] = [
    [
      'a typo in a NetworkPolicy field',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchLabel: {app: web}\n',
      'unknown field, with the nearest valid name',
      {
        code: 'unknown-field',
        severity: 'warning',
        line: 6,
        column: 5,
        message: /^unknown field `matchLabel` in spec\.podSelector; did you mean `matchLabels`\?/,
      },
    ],
    [
      'a lower-case protocol in a container port',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      ports: [{containerPort: 80, protocol: tcp}]\n',
      'Kubernetes rejects the enum value',
      {
        code: 'invalid-enum',
        severity: 'error',
        line: 7,
        column: 35,
        message: /"tcp" is not a valid `protocol`: did you mean TCP\?/,
      },
    ],
    [
      'replicas written as a string',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: "3"\n',
      'Kubernetes cannot decode a string into a number',
      {
        code: 'wrong-type',
        severity: 'error',
        line: 5,
        column: 3,
        message: /`replicas` must be a number, not the string "3"/,
      },
    ],
    [
      'a string where a list belongs',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: Ingress\n',
      'policyTypes is a list',
      { code: 'wrong-type', severity: 'error', line: 6, column: 3, message: /`policyTypes` must be a list/ },
    ],
    [
      'an AdminNetworkPolicy action in the wrong case',
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n    - action: allow\n      from: [{namespaces: {}}]\n',
      'the CRD enum is Allow, Deny, Pass',
      { code: 'invalid-enum', severity: 'error', line: 8, column: 7, message: /did you mean Allow\?/ },
    ],
    [
      'a Calico policy type in lower case',
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c}\nspec:\n  selector: all()\n  types: [ingress]\n',
      'types are Ingress and Egress',
      { code: 'invalid-enum', severity: 'error', line: 6, column: 10, message: /did you mean Ingress\?/ },
    ],
    [
      'a typo in a Cilium endpoint selector',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: c}\nspec:\n  endpointSelector:\n    matchLabel: {app: web}\n',
      'unknown field',
      {
        code: 'unknown-field',
        severity: 'warning',
        line: 6,
        column: 5,
        message: /did you mean `matchLabels`\?/,
      },
    ],
    [
      'an Istio action in lower case',
      'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata: {name: i}\nspec:\n  action: allow\n',
      'the published CRD schema lists ALLOW, DENY, AUDIT, CUSTOM',
      { code: 'invalid-enum', severity: 'error', line: 5, column: 3, message: /did you mean ALLOW\?/ },
    ],
  ];
  for (const [what, text, why, expected] of rows) {
    it(`${what}: ${expected.code}, because ${why}`, () => {
      const diagnostics = check(text);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        ...expected,
        message: expect.stringMatching(expected.message),
        dropsObject: false,
      });
    });
  }

  const clean: [string, string][] = [
    [
      'a kind Reachlab has no schema for',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: 1}\n',
    ],
    [
      'null fields (Kubernetes reads them as unset)',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, labels: null}\nspec: {selector: null, ports: ~}\n',
    ],
    [
      'int-or-string and quantities',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {limits: {cpu: 1, memory: 1Gi}}\n      livenessProbe: {httpGet: {port: http}}\n',
    ],
    [
      'a Pod without apiVersion (checked as v1)',
      'kind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true}\n',
    ],
    [
      'fields newer than the generated schema (trafficDistribution, 1.31)',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {trafficDistribution: PreferClose}\n',
    ],
    [
      'a status block',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {anyField: 1, podIP: 10.0.0.1}\n',
    ],
  ];
  for (const [what, text] of clean) {
    it(`${what}: no diagnostics`, () => {
      expect(check(text)).toEqual([]);
    });
  }

  it('a field the model readers already reported is not reported twice', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, protocol: tcp}]\n  sessionAfinity: None\n';
    const { model } = analyze([{ name: 's.yaml', text }]);
    expect(model.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['invalid-enum', 'spec.ports[0].protocol'],
      ['unknown-field', 'spec.sessionAfinity'],
    ]);
    expect(model.diagnostics[1]?.message).toMatch(/did you mean `sessionAffinity`\?/);
  });

  it('the one way from text to a model (the CLI, the worker) includes the schema check', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selectr: {app: web}}\n';
    const { model } = modelFromSources([{ name: 's.yaml', text }]);
    expect(model.diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([
      ['unknown-field', 'spec.selectr', 4, 8],
    ]);
  });
});
