import * as z from 'zod';
import { isRecord, valueAt, type KeyPath } from './key-path.js';
import { schemaAt } from './schema-keys.js';

/**
 * `timeout: ${HOOK_TIMEOUT:-300}` is a string once interpolated; where the schema wants a number or a
 * boolean, a value that came from a variable is converted. Written values are never converted, so a
 * quoted `"300"` is still reported.
 */
export function coerceInterpolated(data: unknown, paths: KeyPath[]): void {
  for (const path of paths) {
    const value = valueAt(data, path);
    if (typeof value !== 'string') continue;
    const converted = convert(value, schemaAt(path));
    if (converted !== undefined) setAt(data, path, converted);
  }
}

function convert(value: string, schema: z.ZodType | undefined): number | boolean | undefined {
  const text = value.trim();
  if (schema instanceof z.ZodNumber && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (schema instanceof z.ZodBoolean && (text === 'true' || text === 'false')) return text === 'true';
  return undefined;
}

function setAt(data: unknown, path: KeyPath, value: unknown): void {
  const parent = valueAt(data, path.slice(0, -1));
  const key = path.at(-1);
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isRecord(parent) && typeof key === 'string') parent[key] = value;
}
