/**
 * A run must not change what it is told to do. The agent cannot write the configuration, the task file or
 * the prompt templates, but a hook can, and `auto-apply` would commit that with the task: the next job
 * would then load hooks the run wrote itself. So before a restored run goes on, every such file whose
 * last change on the branch is one of the run's own task commits stops it (see docs/github-action.md).
 * Commits a person pushed are theirs to make, a revert included: only the run's commits count.
 */
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import { exec } from '../util/exec.js';

/** A file of the run's definition, last changed by the run's commit for a task. */
export interface RunConfigChange {
  /** Relative to the repository root. */
  file: string;
  sha: string;
  taskId: string;
}

/** The configuration file, the task file and the custom prompt templates, relative to the repo root. */
export function runDefinitionFiles(config: ResolvedConfig): string[] {
  const { system, task, retry } = config.prompt_templates;
  const files = [config.configFile, config.taskFile, system, task, retry].flatMap((file) =>
    file === undefined ? [] : [path.relative(config.repoRoot, file)],
  );
  // A file outside the repository is no commit's business.
  return [...new Set(files.filter((file) => file !== '' && !file.startsWith('..')))];
}

/** The files among `files` whose newest commit on HEAD is one of `applied` (task id → commit). */
export async function filesChangedByRun(
  repoRoot: string,
  files: string[],
  applied: Record<string, string>,
): Promise<RunConfigChange[]> {
  const taskOf = new Map(Object.entries(applied).map(([taskId, sha]) => [sha, taskId]));
  if (taskOf.size === 0) return [];
  const changes: RunConfigChange[] = [];
  for (const file of files) {
    const r = await exec('git', ['log', '-1', '--format=%H', 'HEAD', '--', file], { cwd: repoRoot });
    const sha = r.code === 0 ? r.stdout.trim() : '';
    const taskId = taskOf.get(sha);
    if (taskId !== undefined) changes.push({ file, sha, taskId });
  }
  return changes;
}

/** Stops the run when its own commits changed its definition; names the files and the two ways on. */
export async function refuseRunConfigChanges(
  config: ResolvedConfig,
  applied: Record<string, string>,
  stateKey: string,
): Promise<void> {
  const changes = await filesChangedByRun(config.repoRoot, runDefinitionFiles(config), applied);
  if (changes.length === 0) return;
  throw new UsageError(runConfigChangesMessage(changes, stateKey));
}

export function runConfigChangesMessage(changes: RunConfigChange[], stateKey: string): string {
  const lines = changes.map(
    (c) => `  ${c.file}: changed by ${c.sha.slice(0, 12)} (the commit of task ${c.taskId})`,
  );
  const first = changes[0];
  const restore = first ? `git checkout ${first.sha.slice(0, 12)}~1 -- ${first.file}` : 'git checkout';
  return [
    "The run's own commits changed the configuration it runs with, so it does not go on:",
    ...lines,
    'A hook changed these files and the change was committed with the task; running on would use hooks and',
    'settings the run wrote itself. To continue, either',
    `  - put the files back as they were and push (for example \`${restore}\`, then commit), or`,
    `  - keep the new configuration: start a new run with a new \`state-key\` input (for example \`state-key: ${stateKey}fresh\`).`,
  ].join('\n');
}
