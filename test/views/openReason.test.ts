import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { openReason } from '../../src/views/openReason.ts';
import { AnalysisSession } from '../../src/worker/analysisSession.ts';

const NO_POLICY = [
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}',
].join('\n---\n');

describe('the canvas says every workload reaches every other only when no policy selects any', () => {
  it.each([
    { rule: 'no policy at all: every connection is open', text: NO_POLICY, reason: 'no-policy' },
    {
      rule: 'a Calico tier selects the clearing service and denies the intruder, without isolating: not open',
      text: readFileSync('samples/calico-clearing-service.yaml', 'utf8'),
      reason: null,
    },
    {
      rule: 'an AdminNetworkPolicy selects prod and denies the lab: not open',
      text: readFileSync('samples/cluster-guardrails.yaml', 'utf8'),
      reason: null,
    },
  ])('$rule', ({ text, reason }) => {
    const snapshot = new AnalysisSession().analyze([{ name: 'a.yaml', text }], [], DEFAULT_SETTINGS);
    expect(openReason(snapshot)).toBe(reason);
  });
});
