/**
 * Code and state agree: each task's commit is pushed to the checked-out branch before state
 * records the task, and a restored state that claims commits the checkout lacks stops the run.
 */
import { UsageError } from '../errors.js';
import { hookEnvironment } from '../hooks/hook-env.js';
import { exec } from '../util/exec.js';
import { NO_REPOSITORY_HOOKS } from '../util/git-no-hooks.js';
import type { GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';

/** Where each task's commit goes. */
export interface PushTarget {
  /** The branch pushed to with `git push origin HEAD:refs/heads/<branch>`. */
  branch: string;
}

/**
 * The branch to push to, `null` when nothing is pushed, or a `UsageError` before any work is done when
 * pushing cannot be right: no branch, the default branch without consent, or a pull request's merge
 * commit checked out instead of its head.
 */
export async function resolvePushTarget(
  gh: GitHubEnv,
  inputs: Pick<ActionInputs, 'autoApply' | 'push' | 'pushToDefaultBranch'>,
  root: string,
): Promise<PushTarget | null> {
  if (!inputs.autoApply || !inputs.push) return null;
  const branch = gh.branch;
  if (!branch) {
    throw new UsageError(
      `push is on, but this run is not on a branch (GITHUB_REF=${gh.ref || 'unset'}). ` +
        'Run the workflow on a branch (push, workflow_dispatch, schedule), or set `push: false`.',
    );
  }
  if (branch === gh.defaultBranch && !inputs.pushToDefaultBranch) {
    throw new UsageError(
      `Refusing to push to the default branch "${branch}". Run TaskMaster on a feature branch, ` +
        'or set `push-to-default-branch: true` if commits straight to it are really wanted.',
    );
  }
  await checkPullRequestHead(gh, root);
  return { branch };
}

/** A `pull_request` run checks out a merge commit unless told otherwise; pushing that would be wrong. */
async function checkPullRequestHead(gh: GitHubEnv, root: string): Promise<void> {
  const headSha = gh.event.pull_request?.head?.sha;
  if (!gh.eventName.startsWith('pull_request') || !headSha) return;
  const head = (await exec('git', ['rev-parse', 'HEAD'], { cwd: root })).stdout.trim();
  if (head === headSha) return;
  throw new UsageError(
    `The checkout is ${head.slice(0, 12)}, not the pull request's head ${headSha.slice(0, 12)} ` +
      '(pull_request runs check out a merge commit by default). Check out the head branch with ' +
      '`actions/checkout` `ref: ${{ github.head_ref }}` and `fetch-depth: 0`, or set `push: false`.',
  );
}

/** Credentials for the push, when the checkout did not persist any. */
export interface PushAuth {
  /** The `github-token` input. */
  token: string | undefined;
  /** `https://github.com` or the GHES host. */
  serverUrl: string;
}

/** Pushes HEAD to the branch (never forced). Throws with git's reason and how to fix it. */
export async function pushHead(
  root: string,
  target: PushTarget,
  auth: PushAuth,
  taskId: string,
): Promise<void> {
  // The environment hooks get (no key or token) plus the push's own credentials, and no repository
  // hooks: an agent-written `pre-push` would otherwise run with the token in reach.
  const env = hookEnvironment(process.env, await pushAuthEnvironment(root, auth), [auth.token ?? '']);
  const refspec = `HEAD:refs/heads/${target.branch}`;
  const r = await exec('git', [...NO_REPOSITORY_HOOKS, 'push', '--quiet', 'origin', refspec], {
    cwd: root,
    env,
  });
  if (r.code === 0) return;
  const reason = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
  throw new Error(
    `Could not push the commit of task ${taskId} to ${target.branch}: ${reason}\n` +
      'The task is not recorded as completed, so the next run does it again. If the branch moved on, ' +
      'let the next run start from it; if the push was refused, give the workflow `permissions: contents: write`.',
  );
}

/**
 * `actions/checkout` normally leaves an auth header in the repository's git config. With
 * `persist-credentials: false` (which keeps the token out of reach of hooks) the push gets it here,
 * through git's environment-only config, so it appears in no file and no command line.
 */
export async function pushAuthEnvironment(root: string, auth: PushAuth): Promise<Record<string, string>> {
  if (!auth.token) return {};
  const url = (await exec('git', ['remote', 'get-url', 'origin'], { cwd: root })).stdout.trim();
  if (!url.startsWith(`${auth.serverUrl}/`)) return {};
  const configured = await exec('git', ['config', '--get-regexp', '^http\\..*\\.extraheader$'], {
    cwd: root,
  });
  if (configured.stdout.trim() !== '') return {};
  const basic = Buffer.from(`x-access-token:${auth.token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${auth.serverUrl}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

/** Commits in `applied` (task id → sha) that the checkout does not have. */
export async function missingCommits(
  root: string,
  applied: Record<string, string>,
): Promise<Array<[string, string]>> {
  const missing: Array<[string, string]> = [];
  for (const [taskId, sha] of Object.entries(applied)) {
    const r = await exec('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: root });
    if (r.code !== 0) missing.push([taskId, sha]);
  }
  return missing;
}

/** Why a restored state cannot be trusted with this checkout, and the two ways out. */
export function missingCommitsMessage(missing: Array<[string, string]>, prefix: string): string {
  const lines = missing.map(([taskId, sha]) => `  ${taskId}: ${sha.slice(0, 12)}`);
  return [
    'The restored run state records task commits that this checkout does not have:',
    ...lines,
    'State and code disagree: a push failed after the commit, the branch was reset or force-pushed, or the',
    'checkout is shallow or not the branch the run pushed to (use actions/checkout with fetch-depth: 0).',
    'To fix: put the commits back on the branch, or start the run over with a new `state-key` input',
    `(for example \`state-key: ${prefix}fresh\`).`,
  ].join('\n');
}
