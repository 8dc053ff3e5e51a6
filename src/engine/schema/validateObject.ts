import { clip, type Diagnostic } from '../diagnostics.ts';
import { asRecord, asString, field, ObjectContext } from '../model/objectContext.ts';
import type { ParsedObject } from '../parse/parseSources.ts';
import { nearestName } from './nearestName.ts';
import { schemaForKind } from './schemas.ts';
import type { SchemaFile, SchemaType } from './schemaTypes.ts';

/**
 * Checks an object of a known kind against its schema: the Kubernetes OpenAPI definitions for
 * core kinds, the CRD schemas for policy kinds. Reports unknown fields (warnings, with the
 * nearest valid name: Kubernetes drops them, `kubectl --validate=strict` refuses them), wrong
 * types and invalid enum values (errors: the API server rejects the object). Required fields are
 * not checked: excerpts and teaching examples leave them out on purpose. Never drops anything:
 * the model readers decide what they can still use. Objects of other kinds get no diagnostics.
 */
export function validateObject(object: ParsedObject): Diagnostic[] {
  const found = schemaForKind(
    asString(field(object.value, 'apiVersion')),
    asString(field(object.value, 'kind')),
  );
  if (!found) return [];
  const diagnostics: Diagnostic[] = [];
  const checker = new Checker(new ObjectContext(object, diagnostics), found.file);
  checker.check(object.value, found.type, undefined, undefined);
  return diagnostics;
}

class Checker {
  /** The path to the value being checked, one formatted segment (`.name` or `[i]`) each. */
  private readonly segments: string[] = [];

  constructor(
    private readonly ctx: ObjectContext,
    private readonly file: SchemaFile,
  ) {}

  /** Checks `value` (found at `key` of `parent`) against `type`. */
  check(value: unknown, type: SchemaType, parent: unknown, key: string | undefined): void {
    // Kubernetes reads null as "not set" for every field.
    if (value === null || value === undefined || type === '*') return;
    if (typeof type === 'string') {
      if (type.startsWith('#')) {
        const def = this.file.defs[type.slice(1)];
        if (def !== undefined) this.check(value, def, parent, key);
        return;
      }
      if (!matchesScalar(value, type)) this.wrongType(value, SCALAR_NAMES[type] ?? type, parent, key);
      return;
    }
    if ('e' in type) {
      if (typeof value !== 'string') this.wrongType(value, 'a string', parent, key);
      else if (!type.e.includes(value)) this.invalidEnum(value, type.e, parent, key);
      return;
    }
    if ('a' in type) {
      if (!Array.isArray(value)) {
        this.wrongType(value, 'a list', parent, key);
        return;
      }
      for (let i = 0; i < value.length; i++) this.checkChild(value[i], type.a, `[${i}]`, value, undefined);
      return;
    }
    const record = asRecord(value);
    if (!record) {
      this.wrongType(value, 'a mapping', parent, key);
      return;
    }
    if ('m' in type) {
      const itemType = type.m;
      for (const name in record) {
        if (!Object.hasOwn(record, name)) continue;
        const item = record[name];
        // Label and annotation maps can be huge: a valid scalar costs no path segment.
        if (typeof itemType === 'string' && itemType.length === 1 && matchesScalar(item, itemType)) continue;
        this.checkChild(item, itemType, `.${clip(name)}`, record, name);
      }
      return;
    }
    for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      const fieldType = Object.hasOwn(type.o, name) ? type.o[name] : undefined;
      if (fieldType === undefined) this.unknownField(name, Object.keys(type.o), record);
      else this.checkChild(record[name], fieldType, `.${clip(name)}`, record, name);
    }
  }

  private checkChild(
    value: unknown,
    type: SchemaType,
    segment: string,
    parent: unknown,
    key: string | undefined,
  ): void {
    if (value === null || value === undefined || type === '*') return;
    this.segments.push(segment);
    this.check(value, type, parent, key);
    this.segments.pop();
  }

  private path(extra = ''): string {
    const text = this.segments.join('') + extra;
    return text.startsWith('.') ? text.slice(1) : text;
  }

  private wrongType(value: unknown, expected: string, parent: unknown, key: string | undefined): void {
    const path = this.path();
    const actual = describeValue(value);
    const hint =
      expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean')
        ? `: write it quoted, "${clip(String(value))}"`
        : '';
    this.ctx.report(
      'error',
      parent,
      key,
      path,
      `\`${lastName(path)}\` must be ${expected}, not ${actual}${hint}; Kubernetes would reject this object`,
      false,
      'wrong-type',
    );
  }

  private invalidEnum(value: string, allowed: string[], parent: unknown, key: string | undefined): void {
    const path = this.path();
    const near = nearestName(value, allowed);
    const hint = near ? `did you mean ${near}? ` : '';
    this.ctx.report(
      'error',
      parent,
      key,
      path,
      `"${clip(value)}" is not a valid \`${lastName(path)}\`: ${hint}use ${allowed.join(', ')}; Kubernetes would reject this object`,
      false,
      'invalid-enum',
    );
  }

  private unknownField(name: string, known: string[], record: object): void {
    const parentPath = this.path();
    const near = nearestName(name, known);
    const where = parentPath ? ` in ${parentPath}` : '';
    const hint = near ? `; did you mean \`${near}\`? Kubernetes` : ': Kubernetes';
    this.ctx.report(
      'warning',
      record,
      name,
      this.path(`.${clip(name)}`),
      `unknown field \`${clip(name)}\`${where}${hint} ignores it (and kubectl --validate=strict refuses it)`,
      false,
      'unknown-field',
    );
  }
}

const SCALAR_NAMES: Record<string, string> = {
  s: 'a string',
  i: 'an integer',
  n: 'a number',
  b: 'true or false',
  x: 'a number or a name',
  q: 'a quantity (such as 100m, 1Gi or 2)',
};

function matchesScalar(value: unknown, type: string): boolean {
  switch (type) {
    case 's':
      return typeof value === 'string';
    case 'i':
      return typeof value === 'number' && Number.isInteger(value);
    case 'n':
      return typeof value === 'number';
    case 'b':
      return typeof value === 'boolean';
    case 'x':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case 'q':
      return typeof value === 'string' || typeof value === 'number';
    default:
      return true;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${clip(value)}"`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${clip(String(value))}`;
}

function lastName(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot >= 0 ? path.slice(dot + 1) : path;
}

/**
 * Schema diagnostics for every object, leaving out fields that `existing` diagnostics (from the
 * model readers, which know more) already talk about.
 */
export function validateObjects(
  objects: readonly ParsedObject[],
  existing: readonly Diagnostic[],
): Diagnostic[] {
  const seen = new Set(existing.map((d) => `${d.source}\u0000${d.doc}\u0000${d.path ?? ''}`));
  const result: Diagnostic[] = [];
  for (const object of objects) {
    for (const d of validateObject(object)) {
      if (!seen.has(`${d.source}\u0000${d.doc}\u0000${d.path ?? ''}`)) result.push(d);
    }
  }
  return result;
}
