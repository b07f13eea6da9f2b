import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { placeholders, TEMPLATE_VARIABLES } from '../prompts/variables.js';
import type { PromptTemplatesConfig } from './types.js';
import type { ResolveContext } from './context.js';
import { didYouMean } from './did-you-mean.js';
import { isFile } from './file-exists.js';
import type { RawPromptTemplates } from './schema.js';
import { displayPath } from './sources.js';

const TEMPLATE_NAMES = ['system', 'task', 'retry'] as const;
type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * Template paths (configured, else `.taskmaster/prompts/<name>.txt` when it exists) and variables.
 * Every template found is read and each `{{name}}` it uses is checked.
 */
export async function resolveTemplates(
  raw: RawPromptTemplates | undefined,
  ctx: ResolveContext,
): Promise<PromptTemplatesConfig> {
  const result: PromptTemplatesConfig = { variables: { ...raw?.variables } };
  const allowed = [...TEMPLATE_VARIABLES, ...Object.keys(result.variables)];
  for (const name of TEMPLATE_NAMES) {
    const file = await templateFile(name, raw?.[name], ctx);
    if (file === undefined) continue;
    result[name] = file;
    await checkTemplate(file, allowed, ctx);
  }
  return result;
}

async function templateFile(
  name: TemplateName,
  configured: string | undefined,
  ctx: ResolveContext,
): Promise<string | undefined> {
  if (configured === undefined) {
    const conventional = join(ctx.repoRoot, '.taskmaster', 'prompts', `${name}.txt`);
    return (await isFile(conventional)) ? conventional : undefined;
  }
  const path = ['prompt_templates', name];
  const file = resolve(ctx.sources.dirOf(path), configured);
  if (await isFile(file)) return file;
  const shown = displayPath(ctx.cwd, file);
  const fix = `create ${shown}, correct the path (relative to the file that names it), or remove the key to use the built-in ${name} template`;
  ctx.sources.report(path, `template file not found: ${shown}`, fix);
  return undefined;
}

async function checkTemplate(file: string, allowed: string[], ctx: ResolveContext): Promise<void> {
  const shown = displayPath(ctx.cwd, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    ctx.sources.problems.add({ file: shown, message: `cannot read template: ${String(error)}` });
    return;
  }
  for (const { name, offset } of placeholders(text)) {
    if (allowed.includes(name)) continue;
    const define = `define ${name} under prompt_templates.variables`;
    const hint = didYouMean(name, allowed, (s) => `"{{${s}}}"`);
    ctx.sources.problems.add({
      file: shown,
      ...lineAndColumn(text, offset),
      message: `unknown template variable "{{${name}}}"`,
      fix: hint === undefined ? define : `${hint} (or ${define})`,
    });
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
