/**
 * The parts of an `issue_comment` webhook payload a comment command needs, and the checks made before
 * any API call: a new comment (not an edit) on a pull request, not written by TaskMaster, holding a
 * command. Edits are ignored so a command cannot be re-armed, or swapped after a reviewer read it.
 */
import type { CommandParseError, ParsedCommand } from './command-parser.js';
import { parseCommand } from './command-parser.js';
import type { Commenter } from './commenter-access.js';

/** An `issue_comment` event payload (`github.context.payload` in a comment run). */
export interface IssueCommentPayload {
  /** `created`, `edited` or `deleted`. */
  action?: string;
  /** The issue or pull request commented on. */
  issue?: {
    number: number;
    /** Present (an object) only when the issue is a pull request. */
    pull_request?: object | null;
  };
  /** The comment. */
  comment?: {
    id: number;
    body?: string | null;
    created_at?: string;
    updated_at?: string;
    user?: Commenter | null;
  };
  /** The repository the workflow runs in. */
  repository?: { name: string; owner: { login: string } };
  /** Set on `edited` events: what changed. */
  changes?: unknown;
}

/** Why a comment gets no response at all. */
export type IgnoreReason =
  | 'not-created'
  | 'edited'
  | 'not-pull-request'
  | 'own-comment'
  | 'no-command'
  | 'bot-not-allowed'
  | 'permission-too-low';

/** A comment that passed the checks. */
export interface CommandComment {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** The pull request commented on. */
  pullNumber: number;
  /** The comment, for reactions. */
  commentId: number;
  /** Who wrote it. */
  commenter: Commenter;
  /** The command, or what is wrong with it (answered with the usage once the author is known to be allowed). */
  parsed: ParsedCommand | CommandParseError;
}

/** A comment that gets no response. */
export interface EventIgnored {
  /** Why. */
  ignored: IgnoreReason;
  /** The same, for the job log. */
  message: string;
}

/** The command comment in `event`, or why it is ignored. Throws on a payload that is no comment event. */
export function readCommandComment(event: IssueCommentPayload): CommandComment | EventIgnored {
  const { comment, issue, repository } = event;
  if (comment === undefined || issue === undefined || repository === undefined) {
    throw new Error(
      'The event payload has no comment, issue or repository: comment commands need an issue_comment event.',
    );
  }
  const body = comment.body ?? '';
  const ignored = whyIgnored(event, comment.id, issue, body);
  if (ignored !== undefined) return ignored;
  const parsed = parseCommand(body);
  if (parsed === null) return skip('no-command', `Comment ${comment.id} holds no /taskmaster command.`);
  return {
    owner: repository.owner.login,
    repo: repository.name,
    pullNumber: issue.number,
    commentId: comment.id,
    commenter: comment.user ?? { login: 'ghost', type: 'User' },
    parsed,
  };
}

function whyIgnored(
  event: IssueCommentPayload,
  id: number,
  issue: NonNullable<IssueCommentPayload['issue']>,
  body: string,
): EventIgnored | undefined {
  if (event.action !== 'created') {
    return skip('not-created', `Comment ${event.action ?? 'event'}; only new comments are read.`);
  }
  if (wasEdited(event)) return skip('edited', `Comment ${id} was edited; edited comments are not read.`);
  if (issue.pull_request === undefined || issue.pull_request === null) {
    return skip('not-pull-request', `#${issue.number} is an issue, not a pull request.`);
  }
  if (body.includes('<!-- taskmaster'))
    return skip('own-comment', `Comment ${id} was written by TaskMaster.`);
  return undefined;
}

function wasEdited(event: IssueCommentPayload): boolean {
  if (event.changes !== undefined && event.changes !== null) return true;
  const { created_at, updated_at } = event.comment ?? {};
  return created_at !== undefined && updated_at !== undefined && created_at !== updated_at;
}

function skip(ignored: IgnoreReason, message: string): EventIgnored {
  return { ignored, message };
}
