import { realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ResolvedConfig } from './types.js';
import type { Env } from './interpolate.js';
import { mergeFiles } from './merge.js';
import { ProblemCollector } from './problems.js';
import { readSource, type LoadedFile } from './read-source.js';
import { relativePosix, staysInside } from './repo-paths.js';
import { findRepoRoot, stateDirFor } from './repo-root.js';
import { resolveConfig, type RunLocations } from './resolve.js';
import { displayPath, Sources } from './sources.js';
import { problemAt } from './yaml-source.js';

export const CONFIG_FILE_NAME = '.taskmaster.yml';

export interface LoadConfigOptions {
  /** Working directory: where `.taskmaster.yml` is looked for and what relative arguments mean. */
  cwd: string;
  /** The task file, relative to `cwd` or absolute. */
  taskFile: string;
  /** `--config PATH`: this file must exist. Without it `.taskmaster.yml` in `cwd` is used if present. */
  configPath?: string;
  /** The environment `${VAR}`, API keys and TASKMASTER_STATE_DIR are read from. */
  env: Env;
  /**
   * False for commands that never call a model (`validate`, `--dry-run`): a missing API key, or an
   * unset variable inside an `api_key`, is then not a problem. Default true.
   */
  requireSecrets?: boolean;
}

interface ReadFiles {
  task: LoadedFile;
  config: LoadedFile | undefined;
}

/**
 * Loads `.taskmaster.yml` and the task file, merges them (the task file wins), applies defaults and
 * validates everything. Throws one ConfigError carrying every problem found, never just the first.
 */
export async function loadConfig(opts: LoadConfigOptions): Promise<ResolvedConfig> {
  const cwd = resolve(opts.cwd);
  const repoRoot = await findRepoRoot(cwd).catch((error: unknown) => {
    const problem = {
      file: cwd,
      message: 'the working directory does not exist',
      fix: 'run from an existing directory',
    };
    throw new ConfigError([problem], { cause: error });
  });
  const requireSecrets = opts.requireSecrets !== false;
  const problems = new ProblemCollector();
  const files = await readFiles(cwd, opts, requireSecrets, problems);
  if (files === undefined) throw problems.toError();
  const { task, config } = files;
  const sources = new Sources(task.source, config?.source, problems);
  const locations = await runLocations(cwd, repoRoot, files, opts.env);
  const ctx = { cwd, repoRoot, env: opts.env, requireSecrets, sources };
  const resolved = await resolveConfig(mergeFiles(config?.data ?? {}, task.data), locations, ctx);
  problems.throwIfAny();
  return resolved;
}

/** Both files read and schema-checked; undefined when one cannot be read or is not valid YAML. */
async function readFiles(
  cwd: string,
  opts: LoadConfigOptions,
  requireSecrets: boolean,
  problems: ProblemCollector,
): Promise<ReadFiles | undefined> {
  const read = (file: string, missingFix: string) =>
    readSource(file, displayPath(cwd, file), { env: opts.env, requireSecrets, missingFix }, problems);
  const taskFile = resolve(cwd, opts.taskFile);
  const configFile = await findConfigFile(cwd, opts.configPath);
  const separate = configFile !== undefined && !(await sameFile(configFile, taskFile));
  // Read first so its problems are listed first: it is the base that the task file overrides.
  const config = separate
    ? await read(configFile, `check the --config path (relative to ${cwd})`)
    : undefined;
  const task = await read(taskFile, `check the task file path (relative to ${cwd})`);
  if (task === undefined || (separate && config === undefined)) return undefined;
  if (config !== undefined) dropMisplacedTasks(config, task, problems);
  return { task, config };
}

async function findConfigFile(cwd: string, configPath: string | undefined): Promise<string | undefined> {
  if (configPath !== undefined) return resolve(cwd, configPath);
  const conventional = join(cwd, CONFIG_FILE_NAME);
  // Anything by that name but a file (a directory, say) is read anyway, so that it is reported.
  return (await exists(conventional)) ? conventional : undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

/** `tasks` is read from the task file only; in `.taskmaster.yml` it would be silently ignored. */
function dropMisplacedTasks(config: LoadedFile, task: LoadedFile, problems: ProblemCollector): void {
  if (config.data.tasks === undefined) return;
  const fix = `move the list into the task file (${task.source.display})`;
  const message = 'tasks belong in the task file, not in the configuration file';
  problems.add(problemAt(config.source, ['tasks'], message, fix, 'key'), ['tasks']);
  delete config.data.tasks;
}

async function runLocations(
  cwd: string,
  repoRoot: string,
  files: ReadFiles,
  env: Env,
): Promise<RunLocations> {
  const taskFile = await realpath(files.task.source.file);
  const locations: RunLocations = {
    repoRoot,
    taskFile,
    taskFileDisplay: (await staysInside(repoRoot, taskFile)) ? relativePosix(repoRoot, taskFile) : taskFile,
    stateDir: stateDirFor(cwd, repoRoot, env),
  };
  if (files.config !== undefined) locations.configFile = await realpath(files.config.source.file);
  return locations;
}
