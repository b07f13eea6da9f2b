/**
 * The post step (`runs.post`, run even when the job is cancelled): finishes what a crashed or cancelled
 * main step could not — the state to the cache first, then the logs artifact and the final PR comment.
 * When main wrapped up, it does nothing.
 */
import * as core from '@actions/core';
import type { RunOutcome } from '../engine/run-tasks.js';
import { createOctokit } from '../github/octokit.js';
import { FileStateStore } from '../state/file-state-store.js';
import type { RunState } from '../state/run-state.js';
import { coreLog } from './action-log.js';
import { artifactName, uploadRunLogs } from './artifacts.js';
import { readGitHubEnv, type GitHubEnv } from './github-env.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { RunComment } from './pr-comment.js';
import { buildRunView } from './run-view.js';
import type { ActionServices } from './session.js';
import { saveRunState, stateCacheTarget } from './state-cache.js';
import { saveKey } from './state-key.js';
import { recall, type StepState } from './step-state.js';
import { appendSummary, POST_SAVE } from './wrap-up.js';

/** What the post step found to do, and did. */
export async function runPost(
  env: Record<string, string | undefined>,
  cwd: string,
  services: ActionServices,
): Promise<void> {
  const saved = recall();
  const { stateDir, stateKey, workspace } = saved;
  if (!stateDir || !stateKey || !workspace)
    return core.info('TaskMaster post step: the main step left no run state to save.');
  if (saved.cacheSaved && saved.artifactDone && (saved.commentDone || saved.prNumber === undefined)) {
    return core.info('TaskMaster post step: nothing left to do.');
  }
  core.info('TaskMaster post step: the main step ended early; finishing its work.');
  const inputs = readInputs(env);
  const gh = readGitHubEnv(env, cwd);
  if (!saved.cacheSaved) {
    const key = saveKey(stateKey, gh.runId, gh.runAttempt, POST_SAVE);
    await saveRunState(services.cache, stateCacheTarget(workspace, stateDir), key, coreLog);
  }
  if (!saved.artifactDone && inputs.uploadLogs) {
    const upload = {
      stateDir,
      name: artifactName(gh.runId, gh.runAttempt),
      ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
    };
    await uploadRunLogs(services.artifacts(), upload, coreLog);
  }
  const state = await new FileStateStore(stateDir).load().catch(() => null);
  if (state) await finishComment(saved, inputs, gh, state, env, services);
  await appendSummary(
    'The main step ended early (cancelled or crashed); the post step saved the run state.\n',
  );
}

async function finishComment(
  saved: StepState,
  inputs: ActionInputs,
  gh: GitHubEnv,
  state: RunState,
  env: Record<string, string | undefined>,
  services: ActionServices,
): Promise<void> {
  if (saved.commentDone || saved.prNumber === undefined || !inputs.comment || !inputs.githubToken) return;
  const octokit = createOctokit(inputs.githubToken, { log: coreLog });
  const target = { owner: gh.owner, repo: gh.repo, issue_number: saved.prNumber, key: saved.stateKey ?? '' };
  const comment = new RunComment(octokit, target, gh.runUrl, coreLog, () => services.clock.now());
  await comment.finish(buildRunView(state, state.tasks, endedEarly(state)));
}

/** A state still `running` belongs to a job that stopped mid-run. */
function endedEarly(state: RunState): RunOutcome | undefined {
  if (state.status !== 'running') return undefined;
  return { kind: 'interrupted', message: 'The job ended before the run finished; its state was saved.' };
}
