import path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/types.js';

/**
 * The files that decide what a run does and when a task is done: the configuration (hooks, their
 * commands, `protected_paths`), the task file (each task's post-hooks) and the prompt templates. The
 * agent may read them but never write them; otherwise it could replace a failing check with
 * `command: "true"` and the next `resume` would complete the task (see docs/security.md).
 */
export interface JudgePath {
  /** Absolute path of a file, or of a directory that is refused with everything below it. */
  path: string;
  /** What it is, for the refusal the model reads: "the configuration file". */
  what: string;
}

/** The default template directory: templates there are used without any configuration. */
const TEMPLATE_DIR = path.join('.taskmaster', 'prompts');

export function judgePaths(config: ResolvedConfig): JudgePath[] {
  const { configFile, taskFile, repoRoot, prompt_templates: templates } = config;
  // A `.taskmaster.yml` that does not exist yet would be picked up by the next run, so the usual places
  // are refused even when the run has no configuration file.
  const configs = [
    configFile,
    path.join(repoRoot, CONFIG_FILE_NAME),
    path.join(path.dirname(taskFile), CONFIG_FILE_NAME),
  ];
  return [
    ...configs.flatMap((p) => (p === undefined ? [] : [{ path: p, what: 'the configuration file' }])),
    { path: taskFile, what: 'the task file' },
    { path: path.join(repoRoot, TEMPLATE_DIR), what: 'the prompt template directory' },
    ...[templates.system, templates.task, templates.retry].flatMap((p) =>
      p === undefined ? [] : [{ path: p, what: 'a prompt template' }],
    ),
  ];
}
