/**
 * The harness of the model end-to-end tests: a temporary git repository whose provider points at the
 * loopback fake model server, real shell hooks, and the real CLI run in-process with a fake clock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { FakeClock } from '../../src/engine/ports.js';
import { stateSchema, type RunState } from '../../src/state/run-state.js';
import { runCli, testEnv, type CliResult } from '../support/cli-runner.js';
import type { FakeApi, FakeModelServer, FakeToolCall } from '../support/fake-model-server.js';
import { TEST_API_KEY } from '../support/provider-fixtures.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

export { TEST_API_KEY };

/** The two real SDK providers, by their `type` in `provider_configs`. */
export type ModelKind = 'claude' | 'openai';
export const MODEL_KINDS: readonly ModelKind[] = ['claude', 'openai'];

/** The environment variable each provider's key comes from. */
export const KEY_ENV: Record<ModelKind, string> = {
  claude: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
};

const CHECK_SCRIPT = path.resolve('test/fixtures/models/check.sh');

/** A task of the generated task file; hooks default to none. */
export interface TaskSpec {
  id: string;
  title: string;
  description?: string;
  /** Names of `hooks` entries. */
  post_hooks?: string[];
  /** Any other task key (`path`, `requirements`, ...). */
  [key: string]: unknown;
}

export interface ModelRepoOptions {
  /** The provider type of the only provider. */
  kind: ModelKind;
  /** Its `base_url`. */
  server: FakeModelServer;
  tasks: TaskSpec[];
  /** Hook name → shell command (run in the task's path, the repository root by default). */
  hooks?: Record<string, string>;
  /** More `.taskmaster.yml` keys (prompt_templates, protected_paths, ...). */
  config?: Record<string, unknown>;
  /** More files committed in the repository. */
  files?: Record<string, string>;
}

/** The fake API a provider kind talks to. */
export function apiOf(server: FakeModelServer, kind: ModelKind): FakeApi {
  return kind === 'claude' ? server.anthropic : server.openai;
}

/** The provider entry: the key from the environment, the fake server as `base_url`. */
export function providerEntry(kind: ModelKind, server: FakeModelServer): Record<string, unknown> {
  return {
    type: kind,
    api_key: `\${${KEY_ENV[kind]}}`,
    model: kind === 'claude' ? 'claude-test' : 'gpt-test',
    base_url: kind === 'claude' ? server.baseUrl : `${server.baseUrl}/v1`,
    max_tokens: 1024,
  };
}

/** A committed repository with `.taskmaster.yml`, `tasks.yml` and `check.sh` (see the fixture). */
export function createModelRepo(opts: ModelRepoOptions): TempRepo {
  const hooks = Object.fromEntries(
    Object.entries(opts.hooks ?? {}).map(([name, command]) => [name, { command, timeout: 30, quiet: true }]),
  );
  const config = {
    provider_configs: { [opts.kind]: providerEntry(opts.kind, opts.server) },
    max_attempts_per_task: 3,
    hooks,
    ...opts.config,
  };
  return createRepo({
    '.taskmaster.yml': stringify(config),
    'tasks.yml': stringify({ tasks: opts.tasks }),
    'check.sh': readFileSync(CHECK_SCRIPT, 'utf8'),
    ...opts.files,
  });
}

/** The hook command that passes when `file` holds exactly `expected`. */
export function checkFile(file: string, expected: string): string {
  return `sh check.sh ${file} ${expected}`;
}

/** Runs the CLI in the repository with the provider's key set and a fake clock (instant API waits). */
export async function runModelCli(
  repo: TempRepo,
  kind: ModelKind,
  args: string[],
  clock = new FakeClock(),
): Promise<CliResult> {
  const env = testEnv({ [KEY_ENV[kind]]: TEST_API_KEY });
  return runCli(args, { cwd: repo.dir, env, clock });
}

/** The saved run state, checked against the state schema (a run must never save invalid state). */
export function readState(repo: TempRepo): RunState {
  return stateSchema.parse(JSON.parse(readFileSync(path.join(repo.dir, '.taskmaster/state.json'), 'utf8')));
}

/** A `write_file` call of the fake model. */
export function writeCall(file: string, content: string): FakeToolCall {
  return { name: 'write_file', input: { path: file, content } };
}

/** A `finish` call of the fake model. */
export function finishCall(summary: string): FakeToolCall {
  return { name: 'finish', input: { summary } };
}

/** Every file under `dir`, recursively, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** The files under the state directory that contain `secret`. */
export function filesContaining(stateDir: string, secret: string): string[] {
  return filesUnder(stateDir).filter((file) =>
    readFileSync(path.join(stateDir, file), 'utf8').includes(secret),
  );
}
