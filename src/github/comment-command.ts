/**
 * Comment mode (§12): a `/taskmaster …` comment on a PR becomes a `workflow_dispatch` of this workflow
 * on the PR's head branch. This run never touches the cache: an `issue_comment` run has the default
 * branch's cache scope, read-only, so all state lives in the dispatched runs.
 */
import type { CommandComment, IgnoreReason, IssueCommentPayload } from './comment-event.js';
import { readCommandComment } from './comment-event.js';
import { checkCommenter } from './commenter-access.js';
import type { DispatchInputs } from './dispatch.js';
import { dispatchWorkflow, explainDispatchFailure } from './dispatch.js';
import type { GitHubLog } from './github-log.js';
import { silentLog } from './github-log.js';
import type { GitHubClient } from './octokit.js';
import type { PullRequestHead } from './pull-request.js';
import { getPullRequestHead } from './pull-request.js';
import { addReaction } from './reactions.js';
import * as replies from './command-replies.js';
import { workflowFileFromRef } from './workflow-ref.js';

export { parseCommand } from './command-parser.js';
export type { CommandParseError, CommentCommandName, ParsedCommand } from './command-parser.js';
export type { IgnoreReason, IssueCommentPayload } from './comment-event.js';
export type { DispatchInputs } from './dispatch.js';

/** Dispatches allowed in a row before a command is refused: a loop guard, far above any real use. */
export const DEFAULT_MAX_DISPATCH_DEPTH = 20;

export interface CommentCommandOptions {
  /** Bot logins allowed to run commands (`renovate[bot]` or `renovate`); no wildcards. */
  allowedBots: readonly string[];
  /** `GITHUB_WORKFLOW_REF` of the comment run: names the workflow file to dispatch. */
  workflowRef: string;
  /** The `dispatch-depth` this run was started with (0 for a run not started by a dispatch). */
  dispatchDepth: number;
  /** Refuse once `dispatchDepth` reaches this. Default 20. */
  maxDispatchDepth?: number;
  /** Where to report what happened. Default: silent. */
  log?: GitHubLog;
}

/** Why a command was answered with a reply instead of a dispatch. */
export type RefuseReason =
  'unknown-command' | 'depth-cap' | 'fork-head' | 'closed-pull-request' | 'lookup-failed' | 'dispatch-failed';

/** What a comment led to. */
export type CommentCommandResult =
  /** No reaction, no reply: the comment was not a command for TaskMaster from someone allowed. */
  | { kind: 'ignored'; reason: IgnoreReason; message: string }
  /** Replied with the reason and reacted 👎; nothing dispatched. */
  | { kind: 'refused'; reason: RefuseReason; message: string }
  /** The workflow was dispatched on `ref` with `inputs`, and the comment got 🚀. */
  | { kind: 'dispatched'; workflow: string; ref: string; inputs: DispatchInputs; message: string };

type Refused = Extract<CommentCommandResult, { kind: 'refused' }>;

interface Ctx {
  octokit: GitHubClient;
  comment: CommandComment;
  log: GitHubLog;
}

/** Reads the comment in `event`, checks who wrote it and where, and re-dispatches the workflow. */
export async function handleCommentCommand(
  octokit: GitHubClient,
  event: IssueCommentPayload,
  opts: CommentCommandOptions,
): Promise<CommentCommandResult> {
  const log = opts.log ?? silentLog;
  const workflow = workflowFileFromRef(opts.workflowRef);
  checkDepth(opts.dispatchDepth);
  const comment = readCommandComment(event);
  if ('ignored' in comment)
    return report(log, { kind: 'ignored', reason: comment.ignored, message: comment.message });
  const access = await checkCommenter(octokit, comment, comment.commenter, opts.allowedBots, log);
  if (!access.allowed)
    return report(log, { kind: 'ignored', reason: access.reason, message: access.message });
  const ctx: Ctx = { octokit, comment, log };
  const ref = { owner: comment.owner, repo: comment.repo, comment_id: comment.commentId };
  await addReaction(octokit, ref, 'eyes', log);
  const result = await carryOut(ctx, workflow, opts);
  await addReaction(octokit, ref, result.kind === 'dispatched' ? 'rocket' : '-1', log);
  return report(log, result);
}

function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 0) {
    throw new Error(
      `Invalid dispatch depth ${depth}: expected a whole number of 0 or more (the 'dispatch-depth' input).`,
    );
  }
}

/** The steps after the 👀 reaction; every refusal replies on the PR. */
async function carryOut(
  ctx: Ctx,
  workflow: string,
  opts: CommentCommandOptions,
): Promise<Exclude<CommentCommandResult, { kind: 'ignored' }>> {
  const { parsed, pullNumber } = ctx.comment;
  if ('error' in parsed) return refuse(ctx, 'unknown-command', replies.usageReply(parsed.error));
  const max = opts.maxDispatchDepth ?? DEFAULT_MAX_DISPATCH_DEPTH;
  if (opts.dispatchDepth >= max)
    return refuse(ctx, 'depth-cap', replies.depthCapReply(opts.dispatchDepth, max));
  const head = await lookUpHead(ctx);
  if ('kind' in head) return head;
  if (!head.sameRepository) return refuse(ctx, 'fork-head', replies.forkReply(head.headRepo));
  if (head.state !== 'open') return refuse(ctx, 'closed-pull-request', replies.closedReply(pullNumber));
  const inputs: DispatchInputs = {
    command: parsed.command,
    ...(parsed.taskId === undefined ? {} : { 'task-id': parsed.taskId }),
    'dispatch-depth': String(opts.dispatchDepth + 1),
    'pr-number': String(pullNumber),
  };
  return dispatch(ctx, workflow, head.ref, inputs);
}

async function lookUpHead(ctx: Ctx): Promise<PullRequestHead | Refused> {
  const { owner, repo, pullNumber } = ctx.comment;
  try {
    return await getPullRequestHead(ctx.octokit, owner, repo, pullNumber);
  } catch (err) {
    return refuse(ctx, 'lookup-failed', replies.lookupFailedReply(pullNumber, err));
  }
}

async function dispatch(
  ctx: Ctx,
  workflow: string,
  ref: string,
  inputs: DispatchInputs,
): Promise<Exclude<CommentCommandResult, { kind: 'ignored' }>> {
  const { owner, repo } = ctx.comment;
  try {
    await dispatchWorkflow(ctx.octokit, { owner, repo, workflow, ref, inputs });
  } catch (err) {
    return refuse(ctx, 'dispatch-failed', replies.dispatchFailedReply(explainDispatchFailure(err, workflow)));
  }
  const what = [inputs.command, inputs['task-id']].filter(Boolean).join(' ');
  return { kind: 'dispatched', workflow, ref, inputs, message: `Dispatched ${workflow} on ${ref}: ${what}.` };
}

async function refuse(ctx: Ctx, reason: RefuseReason, text: string): Promise<Refused> {
  const { owner, repo, pullNumber, commenter } = ctx.comment;
  await replies.postReply(
    ctx.octokit,
    { owner, repo, issue_number: pullNumber },
    commenter.login,
    text,
    ctx.log,
  );
  return { kind: 'refused', reason, message: text };
}

function report<T extends CommentCommandResult>(log: GitHubLog, result: T): T {
  const line = `Comment command ${result.kind}: ${result.message}`;
  if (result.kind === 'refused') log.warning(line);
  else log.info(line);
  return result;
}
