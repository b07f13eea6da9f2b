import { z } from 'zod';
import type { ToolName } from './tool-specs.js';

/**
 * Validation of the inputs models send (docs/security.md, "What the model can touch"). Models make mistakes — a missing field, a number as a
 * string, a misspelt key — and the answer to each is an error result that says what was expected, so the
 * model can correct itself on the next turn. Optional fields accept `null` because some APIs' strict
 * function-calling modes send null for an omitted optional field.
 */

const line = z.number().int().min(1);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const schemas = {
  read_file: z.strictObject({ path: z.string(), start_line: optional(line), end_line: optional(line) }),
  write_file: z.strictObject({ path: z.string(), content: z.string() }),
  edit_file: z.strictObject({ path: z.string(), old_text: z.string(), new_text: z.string() }),
  list_files: z.strictObject({ path: optional(z.string()), pattern: optional(z.string()) }),
  search_files: z.strictObject({ pattern: z.string(), path: optional(z.string()) }),
  run_checks: z.strictObject({}),
  finish: z.strictObject({ summary: z.string() }),
} satisfies Record<ToolName, z.ZodType>;

/** The parsed input of each tool. */
export type ToolInputs = { [K in ToolName]: z.output<(typeof schemas)[K]> };

/** Each tool as the model should call it, for error messages. */
export const TOOL_SIGNATURES: Record<ToolName, string> = {
  read_file: 'read_file{path: string, start_line?: integer, end_line?: integer}',
  write_file: 'write_file{path: string, content: string}',
  edit_file: 'edit_file{path: string, old_text: string, new_text: string}',
  list_files: 'list_files{path?: string, pattern?: string}',
  search_files: 'search_files{pattern: string, path?: string}',
  run_checks: 'run_checks{}',
  finish: 'finish{summary: string}',
};

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOL_SIGNATURES, name);
}

export type ParsedInput<K extends ToolName> =
  { ok: true; value: ToolInputs[K] } | { ok: false; error: string };

/** Validates `input` for tool `name`; the error lists every problem and the expected fields. */
export function parseToolInput<K extends ToolName>(name: K, input: unknown): ParsedInput<K> {
  // A tool without parameters is sometimes called with no input at all.
  const given = input === undefined && name === 'run_checks' ? {} : input;
  const result = schemas[name].safeParse(given);
  if (result.success) return { ok: true, value: result.data as ToolInputs[K] };
  const problems = result.error.issues.map(describeIssue).join('; ');
  return { ok: false, error: `invalid input for ${name}: ${problems}. Expected ${TOOL_SIGNATURES[name]}` };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && field !== '') {
    return issue.message.includes('received undefined')
      ? `missing field '${field}'`
      : `'${field}' ${issue.message.replace(/^Invalid input: /, '')}`;
  }
  if (field === '') return `the input must be a JSON object (${issue.message})`;
  return `'${field}' ${issue.message}`;
}
