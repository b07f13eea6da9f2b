/**
 * A temporary git repository holding a task file whose provider talks to the fake model server, and the
 * run state the CLI leaves in it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { RateLimits } from '../../src/config/types.js';
import type { RunState } from '../../src/state/run-state.js';
import { testEnv } from '../support/cli-runner.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

export const API_KEY = 'sk-limits-e2e-0123456789';

export interface TaskSpec {
  id: string;
  title?: string;
  /** Free text; the fake agent's marker is appended. */
  description?: string;
  /** Extra task keys (post_hooks, max_attempts, ...). */
  extra?: Record<string, unknown>;
}

export interface WorkspaceSpec {
  provider: 'claude' | 'openai';
  baseUrl: string;
  tasks: TaskSpec[];
  rateLimits?: RateLimits;
  /** Top-level keys: rate_limit_max_wait, budget, max_turns_per_attempt, ... */
  settings?: Record<string, unknown>;
  /** Provider keys besides type, model, base_url, api_key and rate_limits. */
  providerExtra?: Record<string, unknown>;
}

function taskEntry(t: TaskSpec): Record<string, unknown> {
  return {
    id: t.id,
    title: t.title ?? `Task ${t.id}`,
    // The marker lets the fake agent tell the tasks apart (see fake-agent.ts).
    description: `${t.description ?? `Work on ${t.id}.`}\n[[${t.id}]]\n`,
    ...t.extra,
  };
}

export function taskFileText(spec: WorkspaceSpec): string {
  const model = spec.provider === 'claude' ? 'claude-sonnet-4-6' : 'gpt-4o';
  const baseUrl = spec.provider === 'openai' ? `${spec.baseUrl}/v1` : spec.baseUrl;
  const config = {
    provider_configs: {
      [spec.provider]: {
        type: spec.provider,
        api_key: API_KEY,
        model,
        base_url: baseUrl,
        ...(spec.rateLimits ? { rate_limits: spec.rateLimits } : {}),
        ...spec.providerExtra,
      },
    },
    ...spec.settings,
    tasks: spec.tasks.map(taskEntry),
  };
  return stringify(config);
}

export interface Workspace {
  repo: TempRepo;
  env: Record<string, string | undefined>;
  /** Rewrites tasks.yml (e.g. to add a task between runs). */
  writeTasks(spec: WorkspaceSpec): void;
  state(): RunState;
  writeState(state: RunState): void;
}

/** `files` replace the default README: a project for the agent to work on. */
export function createWorkspace(spec: WorkspaceSpec, files: Record<string, string> = {}): Workspace {
  const repo = createRepo({ 'README.md': '# demo\n', ...files, 'tasks.yml': taskFileText(spec) });
  const statePath = path.join(repo.dir, '.taskmaster', 'state.json');
  return {
    repo,
    env: testEnv(),
    writeTasks: (next) => repo.write('tasks.yml', taskFileText(next)),
    state: () => JSON.parse(readFileSync(statePath, 'utf8')) as RunState,
    writeState: (state) => writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`),
  };
}
