/**
 * The Action's inputs, read once into one typed object. The runner passes each input as an
 * environment variable `INPUT_<NAME>` (upper case, spaces as `_`, dashes kept: `INPUT_TASK-FILE`).
 * An empty input means "unset", so the defaults here equal the ones in `action.yml`.
 */
import { UsageError } from '../errors.js';
import type { Intervention } from '../state/run-state.js';

/** A command a re-dispatch passes on: a person's decision, or just "continue". */
export type DispatchCommand = Intervention | 'resume';

/** Everything the Action was asked to do. */
export interface ActionInputs {
  /** Task file, relative to the workspace. */
  taskFile: string;
  /** `.taskmaster.yml` elsewhere than the workspace root. */
  config?: string;
  /** Becomes `ANTHROPIC_API_KEY` for `${ANTHROPIC_API_KEY}` in the configuration. */
  anthropicApiKey?: string;
  /** Becomes `OPENAI_API_KEY`. */
  openaiApiKey?: string;
  /** For the PR comment, the re-dispatch and pushes without persisted credentials. */
  githubToken?: string;
  /** Stop at the first failed attempt. */
  stopOnFirstFailure: boolean;
  /** Estimate only: no model call, no hook, no state written. */
  dryRun: boolean;
  /** Skip the configured rate-limit checks. */
  ignoreConfigLimits: boolean;
  /** Commit each completed task. */
  autoApply: boolean;
  /** Push each task's commit to the checked-out branch. */
  push: boolean;
  /** Allow pushing to the repository's default branch. */
  pushToDefaultBranch: boolean;
  /** Cache key prefix of the run state; default derived from the task file and branch. */
  stateKey?: string;
  /** Upload `.taskmaster/logs` and `state.json` as an artifact. */
  uploadLogs: boolean;
  /** Days the artifact is kept; default the repository's setting. */
  retentionDays?: number;
  /** Longest in-job wait for a rate-limit window (seconds); longer waits end the job as `paused`. */
  maxWaitSeconds: number;
  /** Keep a sticky PR comment up to date when the run belongs to a pull request. */
  comment: boolean;
  /** Bot logins whose comment commands are obeyed. */
  allowedBots: string[];
  /** Set by a re-dispatch: the decision to record before running. */
  command?: DispatchCommand;
  /** Set by a re-dispatch: the task the decision is about. */
  taskId?: string;
  /** How many re-dispatches led to this run (stops endless chains). */
  dispatchDepth: number;
  /** Set by a re-dispatch: the pull request whose comment to update. */
  prNumber?: number;
}

/** Input names and their defaults as `action.yml` declares them (checked by a test). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'task-file': 'tasks.yml',
  config: '',
  'anthropic-api-key': '',
  'openai-api-key': '',
  'github-token': '${{ github.token }}',
  'stop-on-first-failure': 'false',
  'dry-run': 'false',
  'ignore-config-limits': 'false',
  'auto-apply': 'true',
  push: 'true',
  'push-to-default-branch': 'false',
  'state-key': '',
  'upload-logs': 'true',
  'retention-days': '',
  'max-wait-seconds': '300',
  comment: 'true',
  'allowed-bots': '',
  command: '',
  'task-id': '',
  'dispatch-depth': '0',
  'pr-number': '',
};

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
const COMMANDS: readonly DispatchCommand[] = ['retry', 'skip', 'abort', 'resume'];
const TASK_ID = /^[A-Za-z0-9._-]+$/;

/** Reads inputs from an environment; gathers every invalid one into a single error. */
export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const reader = new InputReader(env);
  const inputs = buildInputs(reader);
  reader.throwIfInvalid();
  return inputs;
}

function buildInputs(r: InputReader): ActionInputs {
  return {
    taskFile: r.text('task-file') ?? 'tasks.yml',
    ...optional('config', r.text('config')),
    ...optional('anthropicApiKey', r.text('anthropic-api-key')),
    ...optional('openaiApiKey', r.text('openai-api-key')),
    ...optional('githubToken', r.text('github-token')),
    stopOnFirstFailure: r.flag('stop-on-first-failure', false),
    dryRun: r.flag('dry-run', false),
    ignoreConfigLimits: r.flag('ignore-config-limits', false),
    autoApply: r.flag('auto-apply', true),
    push: r.flag('push', true),
    pushToDefaultBranch: r.flag('push-to-default-branch', false),
    ...optional('stateKey', r.text('state-key')),
    uploadLogs: r.flag('upload-logs', true),
    ...optional('retentionDays', r.integer('retention-days', 1, 400)),
    maxWaitSeconds: r.integer('max-wait-seconds', 0, 6 * 3600) ?? 300,
    comment: r.flag('comment', true),
    allowedBots: r.list('allowed-bots'),
    ...optional('command', r.command()),
    ...optional('taskId', r.taskId()),
    dispatchDepth: r.integer('dispatch-depth', 0, 1000) ?? 0,
    ...optional('prNumber', r.integer('pr-number', 1, Number.MAX_SAFE_INTEGER)),
  };
}

/** `{ key: value }` when the value is set, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** The environment variable the runner sets for an input. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

class InputReader {
  private readonly problems: string[] = [];
  constructor(private readonly env: Record<string, string | undefined>) {}

  text(name: string): string | undefined {
    const value = this.env[inputVariable(name)]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  flag(name: string, fallback: boolean): boolean {
    const value = this.text(name);
    if (value === undefined) return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    this.problems.push(`Invalid input '${name}': '${value}'. Expected true or false.`);
    return fallback;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    this.problems.push(`Invalid input '${name}': '${value}'. Expected a whole number from ${min} to ${max}.`);
    return undefined;
  }

  list(name: string): string[] {
    return (this.text(name) ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  command(): DispatchCommand | undefined {
    const value = this.text('command');
    if (value === undefined) return undefined;
    const command = COMMANDS.find((c) => c === value.toLowerCase());
    if (command === undefined) {
      this.problems.push(`Invalid input 'command': '${value}'. Expected one of: ${COMMANDS.join(', ')}.`);
    }
    return command;
  }

  taskId(): string | undefined {
    const value = this.text('task-id');
    if (value === undefined || TASK_ID.test(value)) return value;
    this.problems.push(
      `Invalid input 'task-id': '${value}'. Expected letters, digits, '.', '_' and '-' only.`,
    );
    return undefined;
  }

  throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    throw new UsageError(`${this.problems.join('\n')}\nFix the step's \`with:\` block in the workflow file.`);
  }
}
