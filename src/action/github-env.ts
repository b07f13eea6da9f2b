/**
 * What the runner tells a step about its run through the environment (`GITHUB_*`), read once into one
 * object. `@actions/github`'s `context` is not used: it reads the environment when imported.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** The event payload fields the Action looks at; the rest stays untyped. */
export interface EventPayload {
  /** `created`, `edited`, ... for `issue_comment`. */
  action?: string;
  /** Present on `pull_request` events. */
  pull_request?: { number: number; head?: { ref?: string; sha?: string } };
  /** The repository, with its default branch. */
  repository?: { default_branch?: string };
  [key: string]: unknown;
}

/** The run this step belongs to. */
export interface GitHubEnv {
  /** `push`, `pull_request`, `workflow_dispatch`, `schedule`, `issue_comment`, ... */
  eventName: string;
  /** The parsed `GITHUB_EVENT_PATH` file (empty when there is none). */
  event: EventPayload;
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** `GITHUB_RUN_ID`. */
  runId: string;
  /** `GITHUB_RUN_ATTEMPT` (1 on the first try, 2 after "Re-run jobs", ...). */
  runAttempt: string;
  /** `GITHUB_REF`, e.g. `refs/heads/feature` or `refs/pull/7/merge`. */
  ref: string;
  /** The branch the run can push to, when it has one. */
  branch?: string;
  /** The repository's default branch, when the payload names it. */
  defaultBranch?: string;
  /** `GITHUB_WORKFLOW_REF`: `owner/repo/.github/workflows/x.yml@refs/heads/...`. */
  workflowRef: string;
  /** Where the repository is checked out. */
  workspace: string;
  /** `https://github.com` or the GHES host. */
  serverUrl: string;
  /** Link to this run's page, for the summary and the comment. */
  runUrl: string;
}

/** Reads the run's environment; `cwd` stands in for `GITHUB_WORKSPACE` outside a runner. */
export function readGitHubEnv(env: Record<string, string | undefined>, cwd: string): GitHubEnv {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = env.GITHUB_RUN_ID ?? '0';
  const branch = branchOf(eventName, env);
  const defaultBranch = event.repository?.default_branch;
  return {
    eventName,
    event,
    owner,
    repo,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    ref: env.GITHUB_REF ?? '',
    ...(branch ? { branch } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
    workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
    workspace: env.GITHUB_WORKSPACE || cwd,
    serverUrl,
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
  };
}

/** A pull request's head branch, or the pushed/dispatched branch; none for tags and merge refs. */
function branchOf(eventName: string, env: Record<string, string | undefined>): string | undefined {
  if (eventName.startsWith('pull_request') && env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  const ref = env.GITHUB_REF ?? '';
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

function readEvent(file: string | undefined): EventPayload {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EventPayload;
  } catch (error) {
    throw new UsageError(`Cannot read the event payload ${file} (GITHUB_EVENT_PATH): ${String(error)}`, {
      cause: error,
    });
  }
}
