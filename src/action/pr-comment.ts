/**
 * The sticky PR comment of a run: found by the pull request of the run, written at the start,
 * refreshed as tasks end (at most every few seconds: GitHub limits writes), and finalised however the
 * job ends. A comment that cannot be written is a warning, never a failed run.
 */
import { renderRunComment, type RunCommentView } from '../github/comment-body.js';
import type { GitHubClient } from '../github/octokit.js';
import { findPullRequestForBranch } from '../github/pull-request.js';
import { upsertStickyComment } from '../github/sticky-comment.js';
import type { ActionLog } from './action-log.js';
import type { GitHubEnv } from './github-env.js';
import type { RunView } from './run-view.js';
import { redactStep } from './secrets.js';

/** Least time between two progress updates; the final one always goes. */
export const COMMENT_THROTTLE_MS = 15_000;

/** The pull request a run reports to: the event's, a re-dispatch's `pr-number`, or the branch's open PR. */
export async function findRunPullRequest(
  octokit: GitHubClient,
  gh: GitHubEnv,
  prNumber: number | undefined,
  log: ActionLog,
): Promise<number | undefined> {
  if (prNumber !== undefined) return prNumber;
  const fromEvent = gh.event.pull_request?.number;
  if (gh.eventName.startsWith('pull_request') && fromEvent !== undefined) return fromEvent;
  if (!gh.branch) return undefined;
  try {
    return (await findPullRequestForBranch(octokit, gh.owner, gh.repo, gh.branch))?.number;
  } catch (error) {
    log.warning(`Could not look up a pull request for ${gh.branch}: ${errorText(error)}`);
    return undefined;
  }
}

/** Where the comment goes. */
export interface CommentTarget {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** The pull request number. */
  issue_number: number;
  /** The run key (the state key prefix): one comment per run. */
  key: string;
}

/** Keeps one comment up to date; every call is safe to make and never throws. */
export class RunComment {
  private last = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  private disabled = false;
  private finished = false;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly target: CommentTarget,
    private readonly runUrl: string,
    private readonly log: ActionLog,
    private readonly now: () => number = Date.now,
    /** Every body is masked before it is sent: a comment on a public repository is public. */
    private readonly redact: (text: string) => string = redactStep,
  ) {}

  /** A progress update, skipped when the previous one was too recent. */
  progress(view: RunView): void {
    // A progress update that arrives after the final one (its state was read late) must not undo it.
    if (this.finished || this.now() - this.last < COMMENT_THROTTLE_MS) return;
    this.enqueue(view, false);
  }

  /** The last update of the job; waits for it. */
  async finish(view: RunView): Promise<void> {
    this.finished = true;
    this.enqueue(view, true);
    await this.chain;
  }

  private enqueue(view: RunView, final: boolean): void {
    this.last = this.now();
    this.chain = this.chain.then(() => this.write(view, final));
  }

  private async write(view: RunView, final: boolean): Promise<void> {
    if (this.disabled) return;
    try {
      const body = this.redact(renderRunComment(commentView(view, this.runUrl, final)));
      await upsertStickyComment(this.octokit, { ...this.target, body });
    } catch (error) {
      this.disabled = true;
      this.log.warning(
        `Could not update the pull request comment: ${errorText(error)}. ` +
          'Give the workflow `permissions: pull-requests: write`, or set `comment: false`.',
      );
    }
  }
}

/** The comment's view of a run; `interrupted` is what the comment calls `cancelled`. */
export function commentView(view: RunView, runUrl: string, final: boolean): RunCommentView {
  const nextStep = commentNextStep(view);
  return {
    status: view.status === 'interrupted' ? 'cancelled' : view.status,
    tasks: view.tasks.map(({ id, title, state, attempts, tokens }) => ({
      id,
      title,
      state,
      attempts,
      tokens,
    })),
    tokensUsed: view.tokensUsed,
    ...(nextStep ? { nextStep } : {}),
    ...(view.needsTask ? { needsTask: view.needsTask } : {}),
    ...(view.resumeAt ? { resumeAt: view.resumeAt } : {}),
    runUrl,
    final,
  };
}

function commentNextStep(view: RunView): string | undefined {
  switch (view.status) {
    case 'paused':
      return view.resumeAt
        ? 'The scheduled resume workflow continues the run after the reset, or comment `/taskmaster resume`.'
        : 'Comment `/taskmaster resume` to continue once the cause is dealt with.';
    case 'failed':
      return 'Fix the cause (see the logs artifact), then comment `/taskmaster resume` or `/taskmaster retry <task-id>`.';
    case 'interrupted':
      return 'The job was cancelled with its state saved; comment `/taskmaster resume` to continue.';
    case 'aborted':
      return 'To start over, run the workflow with a new `state-key`.';
    default:
      return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
