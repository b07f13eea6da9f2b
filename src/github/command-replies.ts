/**
 * Replies to a command that TaskMaster will not carry out. Each says why and what to do instead, and
 * carries a hidden marker so TaskMaster never reads its own reply as a command.
 */
import { COMMAND_USAGE } from './command-parser.js';
import type { GitHubLog } from './github-log.js';
import type { GitHubClient } from './octokit.js';
import { githubMessage } from './http-status.js';

/** Marks TaskMaster's own replies (distinct from the sticky comment marker, which names a run key). */
export const REPLY_MARKER = '<!-- taskmaster-reply -->';

/** Where a reply goes. */
export interface ReplyTarget {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** Pull request number. */
  issue_number: number;
}

/** Posts `text` addressed to `login`; a failure becomes a warning (the 👎 reaction still tells). */
export async function postReply(
  octokit: GitHubClient,
  target: ReplyTarget,
  login: string,
  text: string,
  log: GitHubLog,
): Promise<void> {
  const { owner, repo, issue_number } = target;
  const body = `${REPLY_MARKER}\n@${login} ${text}`;
  try {
    await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
  } catch (err) {
    log.warning(`Could not reply on #${target.issue_number}: ${githubMessage(err)}`);
  }
}

export function usageReply(error: string): string {
  return [
    `${error} TaskMaster understands, on a line of its own:`,
    '',
    ...COMMAND_USAGE.map((u) => `- ${u}`),
  ].join('\n');
}

export function forkReply(headRepo: string | null): string {
  const from = headRepo === null ? 'a deleted fork' : `the fork \`${headRepo}\``;
  return (
    `this pull request's branch lives in ${from}. TaskMaster does not run on fork branches: the run would ` +
    "use this repository's secrets on code from outside it. Push the branch to this repository and open the PR from there."
  );
}

export function closedReply(pullNumber: number): string {
  return `pull request #${pullNumber} is closed, so there is no branch to run on. Reopen it to continue the run.`;
}

export function depthCapReply(depth: number, max: number): string {
  return (
    `this command comes from a chain of ${depth} re-dispatched runs (the limit is ${max}), so TaskMaster ` +
    'stopped here to avoid an endless loop. Start the workflow by hand (Actions → Run workflow) to continue.'
  );
}

export function lookupFailedReply(pullNumber: number, err: unknown): string {
  return `TaskMaster could not read pull request #${pullNumber}: ${githubMessage(err)}`;
}

export function dispatchFailedReply(explanation: string): string {
  return `TaskMaster could not start the workflow. ${explanation}`;
}
