import type { PolicyKind } from './plugin.ts';

/**
 * Every policy kind the engine evaluates, in one list. buildModel asks each in turn whether it
 * reads an object; reach/ never looks at kinds.
 */
export const POLICY_KINDS: PolicyKind[] = [];

/** The kind that reads objects of this group and kind, if any. */
export function kindFor(group: string, kind: string): PolicyKind | undefined {
  return POLICY_KINDS.find((k) => k.reads(group, kind));
}
