/**
 * A compact schema language for Kubernetes objects, small enough to ship in the browser bundle:
 * field names, value types and enums, nothing else (required fields are not checked).
 *
 * - `s` string, `i` integer, `n` number, `b` boolean, `*` anything,
 *   `x` int-or-string (IntOrString), `q` quantity (a string or a number, such as `cpu: 1`)
 * - `#Name`: the definition `Name` of the same schema file
 * - `{ o: fields }`: a mapping with known fields
 * - `{ a: T }`: a list of T; `{ m: T }`: a mapping of any keys to T
 * - `{ e: values }`: one of these strings
 */
export type SchemaType =
  | 's'
  | 'i'
  | 'n'
  | 'b'
  | '*'
  | 'x'
  | 'q'
  | `#${string}`
  | { o: Record<string, SchemaType> }
  | { a: SchemaType }
  | { m: SchemaType }
  | { e: string[] };

/** A set of kinds (`group/version Kind`, core group as `v1 Kind`) with their shared definitions. */
export interface SchemaFile {
  /** Where the schemas come from, for the docs and the curious. */
  source: string;
  defs: Record<string, SchemaType>;
  kinds: Record<string, SchemaType>;
}
