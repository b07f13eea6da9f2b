/**
 * A TaskMaster project in a real temporary git repository, for the engine's end-to-end tests: a
 * `.taskmaster.yml` with a scripted provider, a task file, the model's script, and a markers directory
 * outside the repository (passed to hooks as `$MARK`) where hooks leave traces the tests read back.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { type Clock, FakeClock } from '../../../src/engine/ports.js';
import { type RunState, stateSchema } from '../../../src/state/run-state.js';
import { type CliResult, runCli, spawnCli, testEnv } from '../../support/cli-runner.js';
import { createRepo, type TempRepo } from '../../support/temp-repo.js';
import type { Turn } from './turns.js';

/** What goes into the project. */
export interface ProjectSpec {
  /** Keys of `.taskmaster.yml` besides the scripted provider (which is always there). */
  config?: Record<string, unknown>;
  /** The `tasks:` list of `tasks.yml`. */
  tasks: Record<string, unknown>[];
  /** Per task id, the model's turns per attempt (attempt 1 first). */
  script?: Record<string, Turn[][]>;
  /** Other files of the repository. */
  files?: Record<string, string>;
  /** Name of the scripted provider in `provider_configs` (also the key of its rate-limit usage). */
  providerName?: string;
  /** Extra keys of the scripted provider (e.g. `rate_limits`). */
  provider?: Record<string, unknown>;
  /** A whole provider entry instead of the scripted one (e.g. `type: claude` against a fake server). */
  providerConfig?: Record<string, unknown>;
}

/** Options of one CLI run. */
export interface RunOptions {
  /** Extra environment (on top of the minimal test environment and `MARK`). */
  env?: Record<string, string | undefined>;
  /** Lines typed at a terminal; when given, the CLI sees a TTY. */
  answers?: string[];
  /** Default: a new `FakeClock` at 2025-11-16 10:00 UTC. */
  clock?: Clock;
  signal?: AbortSignal;
  /** Working directory relative to the repository root. */
  cwd?: string;
}

export interface Project {
  repo: TempRepo;
  dir: string;
  /** Markers directory outside the repository (`$MARK` in hooks). */
  mark: string;
  /** `taskmaster <args>` in-process, with a fake clock unless one is given. */
  run(args: string[], opts?: RunOptions): Promise<CliResult>;
  /** `taskmaster <args>` as a real process (compiled CLI). */
  spawn(args: string[], env?: Record<string, string | undefined>): ReturnType<typeof spawnCli>;
  /** The environment hooks of this project expect. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  /** `state.json`, parsed and checked against the state schema. */
  state(stateDir?: string): RunState;
  /** A log of `.taskmaster/logs/<task-id>/`, or `null` when the file does not exist. */
  log(taskId: string, name: string): string | null;
  /** Lines of a marker file (empty when missing). */
  marks(file: string): string[];
  /** Rewrites `tasks.yml` with another task list. */
  writeTasks(tasks: Record<string, unknown>[]): void;
  /** An independent copy of the repository (state included) and the markers, as they are now. */
  clone(): Project;
  cleanup(): void;
}

export function createProject(spec: ProjectSpec): Project {
  const providerName = spec.providerName ?? 'replay';
  const files: Record<string, string> = {
    '.taskmaster.yml': stringify({
      provider_configs: {
        [providerName]: spec.providerConfig ?? { type: 'scripted', script: 'script.yml', ...spec.provider },
      },
      ...spec.config,
    }),
    'tasks.yml': stringify({ tasks: spec.tasks }),
    'script.yml': stringify({ tasks: scriptTasks(spec.script ?? {}) }),
    ...spec.files,
  };
  return projectOf(createRepo(files), mkdtempSync(path.join(tmpdir(), 'taskmaster-marks-')));
}

function projectOf(repo: TempRepo, mark: string): Project {
  const env = (extra: Record<string, string | undefined> = {}) => testEnv({ MARK: mark, ...extra });
  return {
    repo,
    dir: repo.dir,
    mark,
    env,
    run: (args, opts = {}) =>
      runCli(args, {
        cwd: path.join(repo.dir, opts.cwd ?? '.'),
        env: env(opts.env),
        clock: opts.clock ?? new FakeClock(),
        ...(opts.answers ? { answers: opts.answers } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    spawn: (args, extra) => spawnCli(args, { cwd: repo.dir, env: env(extra) }),
    state: (stateDir = '.taskmaster') => readState(path.resolve(repo.dir, stateDir, 'state.json')),
    log: (taskId, name) => readIfExists(path.join(repo.dir, '.taskmaster/logs', taskId, name)),
    marks: (file) => (readIfExists(path.join(mark, file)) ?? '').split('\n').filter(Boolean),
    writeTasks: (tasks) => repo.write('tasks.yml', stringify({ tasks })),
    clone: () => projectOf(copyRepo(repo), copyDir(mark, 'taskmaster-marks-')),
    cleanup: () => {
      repo.cleanup();
      rmSync(mark, { recursive: true, force: true });
    },
  };
}

function copyDir(dir: string, prefix: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

/** The same repository in another directory; its own `.git/config` keeps the test author. */
function copyRepo(repo: TempRepo): TempRepo {
  const dir = copyDir(repo.dir, 'taskmaster-test-');
  const copy: TempRepo = {
    dir,
    write(file, content) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    },
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    git: (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim(),
    commit(message) {
      copy.git('add', '-A');
      copy.git('commit', '-q', '--allow-empty', '-m', message);
      return copy.git('rev-parse', 'HEAD');
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return copy;
}

/** Reads a state file and validates it as a run would: it must load and pass the schema. */
export function readState(file: string): RunState {
  return stateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function scriptTasks(script: Record<string, Turn[][]>): Record<string, { attempts: Turn[][] }> {
  return Object.fromEntries(Object.entries(script).map(([id, attempts]) => [id, { attempts }]));
}

/** The guide's five example tasks, each made to pass by writing its own file. */
export const GUIDE_TASKS = [
  { id: 'task-1', title: 'Setup project structure' },
  { id: 'task-2', title: 'Create database models' },
  { id: 'task-3', title: 'Implement login endpoint' },
  { id: 'task-4', title: 'Add password reset' },
  { id: 'task-5', title: 'Implement 2FA' },
] as const;
