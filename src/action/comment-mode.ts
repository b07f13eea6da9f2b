/**
 * An `issue_comment` run: the comment command is checked and re-dispatched by `src/github`;
 * this run does nothing else. In particular it never touches the cache: a comment run has the default
 * branch's (read-only) cache scope, and all state lives in the dispatched runs on the head branch.
 */
import * as core from '@actions/core';
import { handleCommentCommand } from '../github/comment-command.js';
import type { IssueCommentPayload } from '../github/comment-event.js';
import { createOctokit } from '../github/octokit.js';
import { coreLog } from './action-log.js';
import type { GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';
import type { OutputRecorder } from './outputs.js';

export async function runCommentMode(
  inputs: ActionInputs,
  gh: GitHubEnv,
  outputs: OutputRecorder,
): Promise<void> {
  const octokit = createOctokit(inputs.githubToken ?? '', { log: coreLog });
  const result = await handleCommentCommand(octokit, gh.event as unknown as IssueCommentPayload, {
    allowedBots: inputs.allowedBots,
    workflowRef: gh.workflowRef,
    dispatchDepth: inputs.dispatchDepth,
    log: coreLog,
  });
  outputs.set({ status: result.kind });
  core.info(`Comment command ${result.kind}: ${result.message}`);
}
