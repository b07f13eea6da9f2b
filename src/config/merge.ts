import { isRecord } from './key-path.js';
import type { RawFile } from './schema.js';

/**
 * The task file over `.taskmaster.yml`. Scalars and lists replace. Mappings merge key by key one level
 * deep: `provider_configs` and `hooks` entry by entry (an entry in both files is taken whole from the
 * task file), `budget`, `hook_defaults`, `prompt_context` and `prompt_templates` key by key, and
 * `prompt_templates.variables` entry by entry.
 */
export function mergeFiles(config: RawFile, task: RawFile): RawFile {
  const merged: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(task)) {
    const base = merged[key];
    merged[key] = isRecord(base) && isRecord(value) ? { ...base, ...value } : value;
  }
  const variables = { ...config.prompt_templates?.variables, ...task.prompt_templates?.variables };
  const result = merged as RawFile;
  if (result.prompt_templates !== undefined)
    result.prompt_templates = { ...result.prompt_templates, variables };
  return result;
}
