/**
 * Runs the built action the way the Actions runner does: `node dist/index.js` in the workspace with the
 * inputs as `INPUT_<NAME>` variables (defaults from `action.yml`), the run's `GITHUB_*` variables, file
 * commands (`GITHUB_OUTPUT`, `GITHUB_STATE`, `GITHUB_STEP_SUMMARY`) and the Actions runtime. The post
 * step gets main's saved state as `STATE_<name>`, as the runner passes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');

/** One job: its workspace, run ids and services. */
export interface JobSetup {
  /** The checked-out repository. */
  workspace: string;
  /** Folder for the runner's files (event, outputs, state, summary, temp). */
  runnerDir: string;
  eventName: string;
  event: Record<string, unknown>;
  runId: string;
  ref: string;
  repository: string;
  apiUrl: string;
  resultsUrl: string;
  runtimeToken: string;
  /** Inputs given in `with:` (others take `action.yml`'s defaults). */
  inputs: Record<string, string>;
  /** `${{ github.token }}`. */
  githubToken: string;
}

/** What a step left behind. */
export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What `core.saveState` saved (for the post step). */
  state: Record<string, string>;
  summary: string;
}

/** A started step: kill it, or wait for it. */
export interface RunningStep {
  child: ChildProcess;
  done: Promise<StepResult>;
}

/** A step's environment and the runner files it writes to. */
export interface PreparedStep {
  env: Record<string, string>;
  files: RunnerFiles;
}

/** Fresh runner files and the environment the runner would start the step with. */
export function prepareStep(job: JobSetup, post?: Record<string, string>): PreparedStep {
  const files = runnerFiles(job);
  return { env: { ...baseEnv(), ...jobEnv(job, files), ...inputEnv(job), ...stateEnv(post) }, files };
}

/** What the step wrote to its runner files. */
export function stepFiles(files: RunnerFiles): Pick<StepResult, 'outputs' | 'state' | 'summary'> {
  return {
    outputs: readFileCommand(files.output),
    state: readFileCommand(files.state),
    summary: existsSync(files.summary) ? readFileSync(files.summary, 'utf8') : '',
  };
}

export function startStep(bundle: string, job: JobSetup, post?: Record<string, string>): RunningStep {
  const { env, files } = prepareStep(job, post);
  const child = spawn(process.execPath, [bundle], {
    cwd: job.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<StepResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ...stepFiles(files) }));
  });
  return { child, done };
}

export function runStep(bundle: string, job: JobSetup, post?: Record<string, string>): Promise<StepResult> {
  return startStep(bundle, job, post).done;
}

export interface RunnerFiles {
  event: string;
  output: string;
  state: string;
  summary: string;
  temp: string;
}

/** Fresh files per step, as the runner gives each step its own. */
function runnerFiles(job: JobSetup): RunnerFiles {
  const n = (stepCounter += 1);
  const dir = path.join(job.runnerDir, `step-${n}`);
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const files = {
    event: path.join(dir, 'event.json'),
    output: path.join(dir, 'output'),
    state: path.join(dir, 'state'),
    summary: path.join(dir, 'summary.md'),
    temp: path.join(dir, 'temp'),
  };
  writeFileSync(files.event, JSON.stringify(job.event));
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '');
  return files;
}
let stepCounter = 0;

/** Only what a runner would have: the test's own environment (possibly a real runner's) stays out. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT'];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
}

function jobEnv(job: JobSetup, files: RunnerFiles): Record<string, string> {
  const [owner] = job.repository.split('/');
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: job.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: job.ref,
    GITHUB_REF_NAME: job.ref.replace(/^refs\/heads\//, ''),
    GITHUB_REPOSITORY: job.repository,
    GITHUB_REPOSITORY_OWNER: owner ?? '',
    GITHUB_RUN_ID: job.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW_REF: `${job.repository}/.github/workflows/taskmaster.yml@${job.ref}`,
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: job.apiUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: job.resultsUrl,
    ACTIONS_RUNTIME_TOKEN: job.runtimeToken,
  };
}

/** `action.yml`'s defaults, overridden by the step's `with:`. */
function inputEnv(job: JobSetup): Record<string, string> {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = job.inputs[name] ?? (spec.default ?? '').replace('${{ github.token }}', job.githubToken);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

function stateEnv(saved: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(saved ?? {}).map(([k, v]) => [`STATE_${k}`, v]));
}

/** Parses a file command (`name<<delimiter` … `delimiter`, or `name=value`). */
export function readFileCommand(file: string): Record<string, string> {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const values: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', i + 1);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}
