/**
 * What the schema knows, asked by path: the keys allowed at a place (for "did you mean") and the full
 * list of documented keys (docs/configuration.md is tested against CONFIG_KEYS so it cannot drift).
 */
import * as z from 'zod';
import type { KeyPath } from './key-path.js';
import { fileSchema } from './schema.js';

/** Strips the wrappers that do not change a value's shape (optional, preprocess). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.out as z.ZodType;
    else return current;
  }
}

/** The schema of the value at `path`: map keys step into objects and records, numbers into lists. */
export function schemaAt(path: KeyPath, root: z.ZodType = fileSchema): z.ZodType | undefined {
  let node: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (node instanceof z.ZodObject && typeof segment === 'string') node = node.shape[segment];
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodArray && typeof segment === 'number') node = node.element as z.ZodType;
    else return undefined;
    if (node === undefined) return undefined;
    node = unwrap(node);
  }
  return node;
}

/** The keys a mapping at `path` may hold (empty when it is free-form or not a mapping). */
export function knownKeysAt(path: KeyPath): string[] {
  const node = schemaAt(path);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** True when the schema expects a mapping with known keys at `path`. */
export function expectsObjectAt(path: KeyPath): boolean {
  return schemaAt(path) instanceof z.ZodObject;
}

/**
 * Every key path the schema knows, as the docs write them: `hooks.<name>.timeout`, `tasks[].id`,
 * `prompt_templates.variables`.
 */
function listKeys(schema: z.ZodType, prefix: string): string[] {
  const node = unwrap(schema);
  if (node instanceof z.ZodObject) {
    return Object.entries(node.shape).flatMap(([key, child]) => {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      return [path, ...listKeys(child as z.ZodType, path)];
    });
  }
  if (node instanceof z.ZodRecord) {
    const value = unwrap(node.valueType as z.ZodType);
    return value instanceof z.ZodObject ? listKeys(value, `${prefix}.<name>`) : [];
  }
  if (node instanceof z.ZodArray) {
    const element = unwrap(node.element as z.ZodType);
    return element instanceof z.ZodObject ? listKeys(element, `${prefix}[]`) : [];
  }
  return [];
}

/** Every key path both files may hold, in schema order. */
export const CONFIG_KEYS: readonly string[] = listKeys(fileSchema, '');
