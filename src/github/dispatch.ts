/**
 * Re-dispatches the workflow on the PR's head branch (§12). The dispatched run has the head branch's
 * cache scope, with write access, so all run state lives there; the comment run only dispatches.
 */
import type { GitHubClient } from './octokit.js';
import { githubMessage, httpStatus } from './http-status.js';

/** The `workflow_dispatch` inputs a comment command sends; the workflow must declare each of them. */
export interface DispatchInputs {
  /** `retry`, `skip`, `abort` or `resume`. */
  command: string;
  /** The task a `retry` or `skip` names. */
  'task-id'?: string;
  /** How many dispatches led here, counting this one (stops endless chains). */
  'dispatch-depth': string;
  /** The PR the command came from, for the dispatched run's sticky comment. */
  'pr-number': string;
}

/** What to dispatch where. */
export interface DispatchRequest {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** Workflow file name (`taskmaster.yml`). */
  workflow: string;
  /** Branch to run on. */
  ref: string;
  /** Inputs for the run. */
  inputs: DispatchInputs;
}

/** Starts the workflow. Throws the API's error; `explainDispatchFailure` turns it into advice. */
export async function dispatchWorkflow(octokit: GitHubClient, req: DispatchRequest): Promise<void> {
  await octokit.rest.actions.createWorkflowDispatch({
    owner: req.owner,
    repo: req.repo,
    workflow_id: req.workflow,
    ref: req.ref,
    inputs: { ...req.inputs },
  });
}

const INPUT_NAMES = '`command`, `task-id`, `dispatch-depth` and `pr-number`';

/** Why a dispatch failed and how to fix it, for the reply on the PR. */
export function explainDispatchFailure(err: unknown, workflow: string): string {
  const status = httpStatus(err);
  const message = githubMessage(err);
  if (status === 403) {
    return `GitHub refused (${message}). Give the job \`permissions: actions: write\` so it can start workflows.`;
  }
  if (status === 404) {
    return `GitHub found no workflow \`${workflow}\` (${message}). A dispatched workflow must exist on the default branch.`;
  }
  if (status === 422 && /workflow_dispatch/i.test(message)) {
    return `\`${workflow}\` has no \`workflow_dispatch\` trigger (${message}). Add one with the inputs ${INPUT_NAMES}.`;
  }
  if (status === 422 && /input/i.test(message)) {
    return `GitHub rejected the inputs (${message}). The \`workflow_dispatch\` trigger of \`${workflow}\` must declare ${INPUT_NAMES}.`;
  }
  return `GitHub answered${status === undefined ? '' : ` ${status}`}: ${message}`;
}
