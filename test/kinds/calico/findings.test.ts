import { describe, expect, it } from 'vitest';
import { calicoFindings } from '../../../src/engine/kinds/calico/findings.ts';
import type { ClusterModel } from '../../../src/engine/model/types.ts';
import { calico, namespace, pod } from './fixtures.ts';
import { readWorld } from './miniFold.ts';

const CLUSTER = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }, { serviceAccount: 'web-sa' }),
  pod('shop', 'api', { app: 'api' }, { serviceAccount: 'api-sa' }),
].join('');

function findings(policies: string) {
  const world = readWorld(CLUSTER + policies);
  const model: ClusterModel = {
    ...world.model,
    policies: world.policies,
    workloads: world.workloads,
    tiers: world.tiers,
    extras: world.extras,
  };
  return calicoFindings(model).map((f) => `${f.code}: ${f.message}`);
}

describe('calicoFindings', () => {
  it('leaves a rule shadowed inside one policy to the engine tier findings (no duplicate)', () => {
    const result = findings(
      calico(
        'NetworkPolicy',
        'p',
        "selector: app == 'web'\ningress:\n  - action: Deny\n    protocol: TCP\n  - action: Allow\n    protocol: TCP\n    destination: {ports: [80]}",
        'shop',
      ),
    );
    expect(result).toEqual([]);
  });

  it('flags a rule of a later part of the policy that an earlier part denies', () => {
    const result = findings(
      calico(
        'NetworkPolicy',
        'p',
        "selector: app == 'web'\ningress:\n  - action: Deny\n  - action: Allow\n    destination: {selector: has(app)}",
        'shop',
      ),
    );
    expect(result).toEqual([
      'calico-rule-shadowed: ingress rule 2 of NetworkPolicy shop/p #2 never applies: ingress rule 1 denies all of its traffic first',
    ]);
  });

  it('flags a rule shadowed by an earlier policy of the tier that applies to every endpoint', () => {
    const result = findings(
      calico('GlobalNetworkPolicy', 'a-deny', 'order: 1\nselector: all()\ningress: [{action: Deny}]') +
        calico(
          'GlobalNetworkPolicy',
          'b-allow',
          "order: 2\nselector: app == 'web'\ningress: [{action: Allow}]",
        ),
    );
    expect(result).toEqual([
      'calico-rule-shadowed: ingress rule 1 of GlobalNetworkPolicy b-allow never applies: ingress rule 1 of GlobalNetworkPolicy a-deny denies all of its traffic first',
    ]);
  });

  it('does not flag a rule whose peers or ports reach beyond the Deny', () => {
    const result = findings(
      calico(
        'NetworkPolicy',
        'p',
        "ingress:\n  - action: Deny\n    protocol: TCP\n    source: {selector: app == 'api'}\n  - action: Allow\n    protocol: TCP\n  - action: Allow",
        'shop',
      ),
    );
    expect(result).toEqual([]);
  });

  it('flags a serviceAccounts rule naming an account no workload runs as', () => {
    const result = findings(
      calico(
        'NetworkPolicy',
        'p',
        "selector: app == 'web'\ningress: [{action: Allow, source: {serviceAccounts: {names: [api-sa, clearing-sa]}}}]",
        'shop',
      ),
    );
    expect(result).toEqual([
      'calico-service-account-unused: a rule of NetworkPolicy shop/p names ServiceAccount clearing-sa, which no workload in namespace shop runs as',
    ]);
  });

  it('flags a policy whose selector matches no endpoint', () => {
    const result = findings(calico('GlobalNetworkPolicy', 'p', "selector: app == 'wbe'"));
    expect(result).toEqual([
      'calico-selector-matches-nothing: GlobalNetworkPolicy p applies to no endpoint: its selector (app=wbe) matches nothing in the manifests',
    ]);
  });
});
