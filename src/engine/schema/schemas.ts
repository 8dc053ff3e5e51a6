import istio from './istio.generated.json' with { type: 'json' };
import kubernetes from './kubernetes.generated.json' with { type: 'json' };
import { POLICY_KINDS } from './policyKinds.ts';
import type { SchemaFile, SchemaType } from './schemaTypes.ts';

const FILES: readonly SchemaFile[] = [kubernetes as SchemaFile, istio as SchemaFile, POLICY_KINDS];

/** `apiVersion Kind` -> schema, and `Kind` -> schema for core kinds written without apiVersion. */
const byKind = new Map<string, { file: SchemaFile; type: SchemaType }>();
for (const file of FILES) {
  for (const [key, type] of Object.entries(file.kinds)) {
    byKind.set(key, { file, type });
    if (file === FILES[0]) byKind.set(key.slice(key.indexOf(' ') + 1), { file, type });
  }
}

/**
 * The schema of a kind at an API version, if Reachlab ships one. An object without apiVersion
 * is checked as the current version of its core kind.
 */
export function schemaForKind(
  apiVersion: string | undefined,
  kind: string | undefined,
): { file: SchemaFile; type: SchemaType } | undefined {
  if (!kind) return undefined;
  return byKind.get(apiVersion ? `${apiVersion} ${kind}` : kind);
}
