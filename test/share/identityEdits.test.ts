import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/engine/index.ts';
import { validateSharedState } from '../../src/share/sharedState.ts';

const base = {
  version: 1,
  sources: [{ name: 'a.yaml', text: '' }],
  edits: [],
  selection: null,
  view: 'graph',
  verdictFilter: {},
  hiddenNamespaces: [],
  search: '',
  showRoutes: null,
  sampleId: null,
  settings: DEFAULT_SETTINGS,
};

describe('identity edits in a link or a state file are checked before they reach the store', () => {
  it.each([
    {
      rule: 'a ServiceAccount and a mesh edit are kept',
      identityEdits: [
        { workload: 'shop/web', field: 'serviceAccountName', value: 'client' },
        { workload: 'shop/db', field: 'inMesh', value: false },
      ],
      expected: [
        { workload: 'shop/web', field: 'serviceAccountName', value: 'client' },
        { workload: 'shop/db', field: 'inMesh', value: false },
      ],
    },
    { rule: 'absent (an older link): no identity edits', identityEdits: undefined, expected: undefined },
  ])('$rule', ({ identityEdits, expected }) => {
    const result = validateSharedState({ ...base, identityEdits });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.identityEdits).toEqual(expected);
  });

  it.each([
    { rule: 'not a list', identityEdits: 'x', message: 'identityEdits is not a list' },
    {
      rule: 'an unknown field',
      identityEdits: [{ workload: 'a/b', field: 'labels', value: 'x' }],
      message: 'identityEdits[0].field is not serviceAccountName or inMesh',
    },
    {
      rule: 'a ServiceAccount that is not a name',
      identityEdits: [{ workload: 'a/b', field: 'serviceAccountName', value: '../../etc' }],
      message: 'identityEdits[0].value is not a ServiceAccount name',
    },
    {
      rule: 'a ServiceAccount longer than 253',
      identityEdits: [{ workload: 'a/b', field: 'serviceAccountName', value: 'a'.repeat(254) }],
      message: 'identityEdits[0].value',
    },
    {
      rule: 'mesh membership that is not true or false',
      identityEdits: [{ workload: 'a/b', field: 'inMesh', value: 'yes' }],
      message: 'identityEdits[0].value',
    },
    {
      rule: 'more edits than a link may carry',
      identityEdits: Array.from({ length: 100_000 }, () => ({
        workload: 'a/b',
        field: 'inMesh',
        value: true,
      })),
      message: 'identityEdits has more than',
    },
  ])('refused: $rule', ({ identityEdits, message }) => {
    const result = validateSharedState({ ...base, identityEdits });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
