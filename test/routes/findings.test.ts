import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, findProblems } from '../../src/engine/index.ts';
import { analyzeYaml, deployment, policy } from '../helpers.ts';

const kinds = (text: string) =>
  findProblems(analyzeYaml(text).model, DEFAULT_SETTINGS).map((f) => `${f.kind}: ${f.message}`);

describe('findings, each with a location and a one-line fix', () => {
  const rows: [string, string, RegExp][] = [
    [
      'a Service that selects no pods',
      `${deployment('a', 'web', { app: 'web' })}---\nkind: Service\nmetadata: {name: s, namespace: a}\nspec: {selector: {app: wbe}, ports: [{port: 80}]}\n`,
      /^service-selects-nothing: Service a\/s selects no pods \(selector app=wbe\)/,
    ],
    [
      'a Service port whose named targetPort no pod exposes',
      `${deployment('a', 'web', { app: 'web' }, ['http:8080'])}---\nkind: Service\nmetadata: {name: s, namespace: a}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: https}]}\n`,
      /^target-port-missing: Service a\/s port 80 targets the named port https, which a\/web does not expose/,
    ],
    [
      'an Ingress to a missing Service',
      '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: a}\nspec: {defaultBackend: {service: {name: gone, port: {number: 80}}}}\n',
      /^ingress-backend-missing: Ingress a\/i routes to Service gone, which does not exist in namespace a/,
    ],
    [
      'an Ingress to a missing Service port',
      `${deployment('a', 'web', { app: 'web' }, ['http:8080'])}---\nkind: Service\nmetadata: {name: s, namespace: a}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: a}\nspec: {defaultBackend: {service: {name: s, port: {number: 8443}}}}\n`,
      /^ingress-backend-missing: Ingress a\/i routes to port 8443 of Service a\/s, which has no such port/,
    ],
    [
      'egress isolation without a DNS allowance',
      deployment('a', 'web', { app: 'web' }) +
        policy('a', 'deny-out', 'podSelector: {}\npolicyTypes: [Egress]'),
      /^egress-without-dns: a\/web is isolated for egress and may not reach cluster DNS/,
    ],
    [
      'a policy that selects no pods',
      deployment('a', 'web', { app: 'web' }) + policy('a', 'p', 'podSelector: {matchLabels: {app: api}}'),
      /^policy-selects-nothing: NetworkPolicy a\/p selects no pods \(podSelector app=api/,
    ],
    [
      'a namespaceSelector that matches nothing',
      deployment('a', 'web', { app: 'web' }) +
        policy(
          'a',
          'p',
          'podSelector: {}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {team: ghost}}}]',
        ),
      /^peer-matches-nothing: a\/p ingress rule 1 peer 1: namespaceSelector team=ghost matches no namespace/,
    ],
    [
      'a podSelector that matches nothing',
      deployment('a', 'web', { app: 'web' }) +
        policy('a', 'p', 'podSelector: {}\ningress:\n  - from: [{podSelector: {matchLabels: {app: ghost}}}]'),
      /^peer-matches-nothing: a\/p ingress rule 1 peer 1: podSelector app=ghost matches no pods in namespace a/,
    ],
    [
      'ipBlock used to match pod IPs',
      '---\nkind: Pod\nmetadata: {name: db, namespace: a, labels: {app: db}}\nstatus: {podIP: 10.244.1.7}\n' +
        policy('a', 'p', 'podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: 10.244.0.0/16}}]'),
      /^ipblock-matches-pod-ip: a\/p ingress rule 1 uses ipBlock 10\.244\.0\.0\/16, which contains pod IPs of a\/db/,
    ],
    [
      'an unprotected workload beside protected ones',
      deployment('a', 'web', { app: 'web' }) +
        deployment('a', 'db', { app: 'db' }) +
        policy('a', 'db-only', 'podSelector: {matchLabels: {app: db}}\npolicyTypes: [Ingress]'),
      /^unprotected-workload: a\/web accepts traffic from anywhere/,
    ],
    [
      'host network pods',
      '---\nkind: Pod\nmetadata: {name: agent, namespace: a}\nspec: {hostNetwork: true, containers: [{name: c}]}\n',
      /^host-network: a\/agent uses the host network/,
    ],
    [
      'label values YAML reads as booleans',
      '---\nkind: Pod\nmetadata: {name: p, namespace: a, labels: {canary: yes}}\n',
      /^boolean-label: .*kubectl reads the unquoted value yes as a boolean/,
    ],
  ];
  for (const [what, text, expected] of rows) {
    it(what, () => {
      expect(kinds(text).join('\n')).toMatch(new RegExp(expected.source, 'm'));
    });
  }

  it('a clean, well-protected setup has no findings', () => {
    const text =
      deployment('a', 'web', { app: 'web' }, ['http:8080']) +
      `---\nkind: Service\nmetadata: {name: web, namespace: a}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n` +
      policy('a', 'web', 'podSelector: {}\ningress:\n  - ports: [{port: http}]');
    expect(kinds(text)).toEqual([]);
  });

  it('every finding has a location and a fix', () => {
    for (const finding of findProblems(
      analyzeYaml(
        deployment('a', 'web', { app: 'web' }) + policy('a', 'p', 'podSelector: {}\npolicyTypes: [Egress]'),
      ).model,
      DEFAULT_SETTINGS,
    )) {
      expect(finding.ref.line).toBeGreaterThan(0);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
  });
});
