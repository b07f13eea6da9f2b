import { closest, distance } from 'fastest-levenshtein';
import { ConfigError } from '../errors.js';
import { placeholders } from './variables.js';

// Same syntax as `placeholders()` in variables.ts, which config validation uses.
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * Replaces every `{{name}}` (spaces inside the braces allowed) with `vars[name]`, in one pass, so a
 * value that itself contains `{{...}}` (a Handlebars file in the context, say) is left as it is.
 * An unknown name throws a ConfigError naming the template, line and column; config validation
 * normally reports these before a run starts.
 */
export function renderTemplate(text: string, vars: Record<string, string>, source = 'template'): string {
  const unknown = unknownPlaceholders(text, vars);
  if (unknown.length > 0) {
    throw new ConfigError(unknown.map((u) => unknownProblem(text, u, vars, source)));
  }
  return text.replace(PLACEHOLDER, (_match, name: string) => vars[name] ?? '');
}

interface Placeholder {
  name: string;
  offset: number;
}

function unknownPlaceholders(text: string, vars: Record<string, string>): Placeholder[] {
  return placeholders(text).filter((p) => !Object.hasOwn(vars, p.name));
}

function unknownProblem(text: string, p: Placeholder, vars: Record<string, string>, source: string) {
  const { line, column } = lineAndColumn(text, p.offset);
  const guess = closeName(p.name, Object.keys(vars));
  const hint = guess ? `did you mean "{{${guess}}}"? ` : '';
  return {
    file: source,
    line,
    column,
    message: `unknown template variable "{{${p.name}}}"`,
    fix: `${hint}Use one of the documented variables (docs/prompt-templates.md) or define "${p.name}" under prompt_templates.variables.`,
  };
}

/** The closest name, when it is close enough to be a typo of it. */
function closeName(name: string, names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const guess = closest(name, names);
  return distance(name, guess) <= Math.max(2, Math.floor(name.length / 3)) ? guess : undefined;
}

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
