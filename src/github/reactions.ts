/**
 * Reactions on the command comment tell its author where things stand: 👀 read, 🚀 dispatched,
 * 👎 refused. They are a courtesy: failing to add one is logged and never stops the command.
 */
import type { GitHubLog } from './github-log.js';
import type { GitHubClient } from './octokit.js';
import { githubMessage } from './http-status.js';

/** The reactions TaskMaster uses. */
export type CommandReaction = 'eyes' | 'rocket' | '-1';

/** The comment to react to. */
export interface CommentRef {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** Comment id. */
  comment_id: number;
}

/** Adds `content` to the comment; a failure becomes a warning. */
export async function addReaction(
  octokit: GitHubClient,
  comment: CommentRef,
  content: CommandReaction,
  log: GitHubLog,
): Promise<void> {
  try {
    const { owner, repo, comment_id } = comment;
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id, content });
  } catch (err) {
    log.warning(
      `Could not add the ${content} reaction to comment ${comment.comment_id}: ${githubMessage(err)}`,
    );
  }
}
