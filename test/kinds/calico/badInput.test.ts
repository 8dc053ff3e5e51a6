import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analyze.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { readWorld } from './miniFold.ts';

const CLUSTER = namespace('shop') + pod('shop', 'web', { app: 'web' });

/** Reads one policy; returns its diagnostics and whether the policy was kept. */
function read(policy: string) {
  const world = readWorld(CLUSTER + policy);
  return {
    diagnostics: world.diagnostics,
    kept: world.policies.some((p) => p.kind !== 'Profile' || p.name !== 'endpoint default deny'),
  };
}

describe('bad Calico input: a located diagnostic, the policy dropped, never a throw', () => {
  const rows: [what: string, spec: string, path: string, mentions: string][] = [
    [
      'invalid selector, with its column',
      "selector: app == 'web' &&& tier == 'x'",
      'spec.selector',
      'at column 16',
    ],
    ['unquoted selector value', 'selector: app == web', 'spec.selector', 'at column 8'],
    [
      'invalid rule selector',
      "ingress: [{action: Allow, source: {selector: 'has(app'}}]",
      'spec.ingress[0].source.selector',
      'column 8',
    ],
    [
      'invalid namespaceSelector',
      "ingress: [{action: Allow, source: {namespaceSelector: 'env =='}}]",
      'spec.ingress[0].source.namespaceSelector',
      'column',
    ],
    [
      'port out of range',
      'ingress: [{action: Allow, protocol: TCP, destination: {ports: [70000]}}]',
      'spec.ingress[0].destination.ports[0]',
      'out of range',
    ],
    [
      'port range out of range',
      'ingress: [{action: Allow, protocol: TCP, destination: {ports: ["1:99999"]}}]',
      'spec.ingress[0].destination.ports[0]',
      'out of range',
    ],
    [
      'port range backwards',
      'ingress: [{action: Allow, protocol: TCP, destination: {ports: ["90:80"]}}]',
      'spec.ingress[0].destination.ports[0]',
      'starts after it ends',
    ],
    [
      'unknown protocol',
      'ingress: [{action: Allow, protocol: HTTP}]',
      'spec.ingress[0].protocol',
      'not a protocol Calico accepts',
    ],
    [
      'protocol number out of range',
      'ingress: [{action: Allow, protocol: 300}]',
      'spec.ingress[0].protocol',
      'number 1-255',
    ],
    [
      'ports without a protocol',
      'ingress: [{action: Allow, destination: {ports: [80]}}]',
      'spec.ingress[0].destination.ports',
      'need protocol',
    ],
    [
      'ports with ICMP',
      'ingress: [{action: Allow, protocol: ICMP, destination: {ports: [80]}}]',
      'spec.ingress[0].destination.ports',
      'not ICMP',
    ],
    [
      'icmp without ICMP protocol',
      'ingress: [{action: Allow, protocol: TCP, icmp: {type: 8}}]',
      'spec.ingress[0].icmp',
      'ICMP or ICMPv6',
    ],
    [
      'icmp type out of range',
      'ingress: [{action: Allow, protocol: ICMP, icmp: {type: 255}}]',
      'spec.ingress[0].icmp',
      '0-254',
    ],
    [
      'icmp code without type',
      'ingress: [{action: Allow, protocol: ICMP, icmp: {code: 1}}]',
      'spec.ingress[0].icmp',
      'needs icmp.type',
    ],
    ['action in lower case', 'ingress: [{action: allow}]', 'spec.ingress[0].action', 'capitalised'],
    ['missing action', 'ingress: [{protocol: TCP}]', 'spec.ingress[0].action', 'needs an action'],
    [
      'bad CIDR',
      'ingress: [{action: Allow, source: {nets: [10.0.0.0/33]}}]',
      'spec.ingress[0].source.nets[0]',
      'not a CIDR',
    ],
    ['types with an unknown value', 'types: [Inbound]', 'spec.types', 'Ingress and/or Egress'],
    ['order as a string', 'order: first', 'spec.order', 'must be a number'],
    [
      'http on an egress rule',
      'egress: [{action: Allow, http: {methods: [GET]}}]',
      'spec.egress[0].http',
      'only allowed in ingress',
    ],
    [
      'http on a Deny rule',
      'ingress: [{action: Deny, http: {methods: [GET]}}]',
      'spec.ingress[0].http',
      'action Allow',
    ],
    [
      'services mixed with a selector',
      'egress: [{action: Allow, destination: {services: {name: api}, selector: all()}}]',
      'spec.egress[0].destination.services',
      'cannot be combined',
    ],
  ];
  it.each(rows)('%s', (_what, spec, path, mentions) => {
    let result: ReturnType<typeof read> | undefined;
    expect(() => {
      result = read(calico('NetworkPolicy', 'bad', spec, 'shop'));
    }).not.toThrow();
    const diagnostic = result?.diagnostics.find((d) => d.path === path);
    expect(
      diagnostic?.message,
      JSON.stringify(result?.diagnostics.map((d) => [d.path, d.message])),
    ).toContain(mentions);
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.dropsObject).toBe(true);
    expect(diagnostic?.line).toBeGreaterThan(1);
    expect(result?.kept).toBe(false);
  });

  it('source ports cannot be modelled: the rule is left out with a warning, the policy kept', () => {
    const world = readWorld(
      CLUSTER +
        calico(
          'NetworkPolicy',
          'p',
          'ingress: [{action: Allow, protocol: TCP, source: {ports: [80]}}]',
          'shop',
        ),
    );
    expect(world.diagnostics.find((d) => d.path === 'spec.ingress[0].source.ports')?.severity).toBe(
      'warning',
    );
    expect(world.policies[0]?.ingress?.rules).toEqual([]);
  });

  it('a selector error names the column inside the selector text', () => {
    const world = readWorld(CLUSTER + calico('GlobalNetworkPolicy', 'p', "selector: \"app in {'a', 'b'\""));
    expect(world.diagnostics[0]?.message).toMatch(
      /invalid selector "app in \{'a', 'b'" at column 17: expected a , or \}/,
    );
  });

  it('garbage documents of Calico kinds never throw', () => {
    const garbage = [
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec: [1, 2]',
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec: {ingress: {a: 1}}',
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec: {ingress: [7, null]}',
      'apiVersion: projectcalico.org/v3\nkind: WorkloadEndpoint\nmetadata: {name: x}\nspec: {ports: [1, {port: "a"}], profiles: 3}',
      'apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata: {name: h}\nspec: null',
      'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t}\nspec: {order: x, defaultAction: Allow}',
      'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t2}\nspec: [1]',
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: g}\nspec: {nets: [bad]}',
      'apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: n}\nspec: 7',
      'apiVersion: projectcalico.org/v3\nkind: Profile\nmetadata: {name: p}\nspec: {ingress: [{action: Allow, source: {selector: 5}}]}',
    ];
    for (const text of garbage) {
      expect(() => readWorld(`${CLUSTER}---\n${text}\n`)).not.toThrow();
      expect(() => analyze([{ name: 'bad.yaml', text: `${CLUSTER}---\n${text}\n` }])).not.toThrow();
    }
  });
});
