import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, findProblems } from '../../src/engine/index.ts';
import { analyzeYaml } from '../helpers.ts';

const sample = (file: string) => readFileSync(resolve(import.meta.dirname, '../../samples', file), 'utf8');

describe('network policies and Istio disagreeing on a pair', () => {
  it('names both layers and what each decided, side by side', () => {
    const { model } = analyzeYaml(sample('istio-bookinfo.yaml'));
    const messages = findProblems(model, DEFAULT_SETTINGS)
      .filter((f) => f.kind === 'layers-disagree')
      .map((f) => f.message);
    // The sample's point: Istio lets reviews-v1 call ratings, a NetworkPolicy does not.
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^bookinfo\/reviews-v1 -> bookinfo\/ratings-v1: Istio allows TCP .*AuthorizationPolicy bookinfo\/ratings-viewer.*network policies block it/,
      ),
    );
  });

  it('says nothing where the network side is open (no network policy has a say)', () => {
    const { model } = analyzeYaml(sample('istio-clearing-service.yaml'));
    expect(findProblems(model, DEFAULT_SETTINGS).filter((f) => f.kind === 'layers-disagree')).toEqual([]);
  });
});
