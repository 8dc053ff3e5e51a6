import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { appliedPolicies } from '../../src/views/appliedPolicies.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

function applied(sample: string, workload: string) {
  const text = readFileSync(`samples/${sample}.yaml`, 'utf8');
  const snapshot = new AnalysisSession().analyze([{ name: sample, text }], [], DEFAULT_SETTINGS);
  const view = snapshot.workloads.find((w) => w.id === workload);
  if (!view) throw new Error(`no ${workload}`);
  return appliedPolicies(view, snapshot.policies).map((t) => ({
    tier: t.tier,
    policies: t.policies.map(
      (p) => `${p.policy.kind} ${p.policy.name}${p.ingress ? ' in' : ''}${p.egress ? ' out' : ''}`,
    ),
  }));
}

describe('the policies of every kind that select a workload, by tier in fold order', () => {
  it.each([
    {
      rule: 'prod/web: no NetworkPolicy selects it, but the admin and baseline tiers do',
      sample: 'cluster-guardrails',
      workload: 'prod/web',
      expected: [
        { tier: 'admin tier', policies: ['AdminNetworkPolicy prod-guardrails in'] },
        { tier: 'baseline tier', policies: ['BaselineAdminNetworkPolicy default in'] },
      ],
    },
    {
      rule: 'prod/api: the admin tier, its own NetworkPolicy, then the baseline',
      sample: 'cluster-guardrails',
      workload: 'prod/api',
      expected: [
        { tier: 'admin tier', policies: ['AdminNetworkPolicy prod-guardrails in'] },
        { tier: 'namespaced tier', policies: ['NetworkPolicy api-from-web in'] },
        { tier: 'baseline tier', policies: ['BaselineAdminNetworkPolicy default in'] },
      ],
    },
  ])('$rule', ({ sample, workload, expected }) => {
    expect(applied(sample, workload)).toEqual(expected);
  });
});
