/**
 * The end of a main step, however the run ended: state to the cache first (it is what the next job
 * needs and the runner may kill the step soon after a cancel), then outputs, the logs artifact, the
 * closing log lines, annotations, the job summary and the final PR comment.
 */
import * as core from '@actions/core';
import type { RunOutcome } from '../engine/run-tasks.js';
import type { RunState } from '../state/run-state.js';
import { annotateTasks } from './annotations.js';
import { artifactName, uploadRunLogs } from './artifacts.js';
import { coreLog } from './action-log.js';
import { nextStepLines, renderJobSummary } from './job-summary.js';
import { buildRunView, type RunView } from './run-view.js';
import { redactStep } from './secrets.js';
import type { RunSession } from './session.js';
import { saveRunState } from './state-cache.js';
import { saveKey } from './state-key.js';
import { markDone } from './step-state.js';

/** Main's saves are number 1 of the attempt; the post step's are number 2. */
export const MAIN_SAVE = 1;
export const POST_SAVE = 2;

export async function wrapUp(
  session: RunSession,
  outcome: RunOutcome | undefined,
  failure: unknown,
): Promise<void> {
  const state = await session.store.load().catch(() => null);
  const ended = outcome ?? (failure === undefined ? undefined : failedOutcome(session, failure));
  const view = state ? buildRunView(state, session.config.tasks, ended) : undefined;
  await saveState(session);
  if (view) session.outputs.setView(view);
  const artifact = await uploadArtifact(session);
  if (!view || !state) return;
  logClosingLines(view, session);
  annotateTasks(view, (message, props) => core.error(message, props));
  await writeSummary(session, view, state, artifact);
  if (session.comment) {
    await session.comment.finish(view);
    markDone('commentDone');
  }
  if (failure === undefined) reportStatus(view);
}

function failedOutcome(session: RunSession, failure: unknown): RunOutcome {
  return {
    kind: 'failed',
    message: failure instanceof Error ? failure.message : String(failure),
  };
}

async function saveState(session: RunSession): Promise<void> {
  const { gh, stateKey, services, cacheTarget } = session;
  await saveRunState(
    services.cache,
    cacheTarget,
    saveKey(stateKey, gh.runId, gh.runAttempt, MAIN_SAVE),
    coreLog,
  );
  markDone('cacheSaved');
}

/** The artifact's name when one was uploaded. */
async function uploadArtifact(session: RunSession): Promise<string | undefined> {
  const { inputs, gh, config } = session;
  if (!inputs.uploadLogs) return undefined;
  const name = artifactName(gh.runId, gh.runAttempt);
  const upload = {
    stateDir: config.stateDir,
    name,
    ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
  };
  const id = await uploadRunLogs(session.services.artifacts(), upload, coreLog);
  markDone('artifactDone');
  if (id === undefined) return undefined;
  session.outputs.set({ 'artifact-id': String(id) });
  return name;
}

function logClosingLines(view: RunView, session: RunSession): void {
  core.info('');
  if (view.message) core.info(view.message);
  for (const line of nextStepLines(view, session.prNumber !== undefined)) core.info(line);
}

async function writeSummary(
  session: RunSession,
  view: RunView,
  state: RunState,
  artifact: string | undefined,
): Promise<void> {
  const markdown = renderJobSummary(view, {
    providers: session.config.providers,
    usage: state.rate_limit_usage,
    now: new Date(session.services.clock.now()),
    stateKey: session.stateKey,
    ...(artifact ? { artifactName: artifact } : {}),
    ...(session.prNumber !== undefined ? { prNumber: session.prNumber } : {}),
  });
  await appendSummary(markdown);
}

/** The dry run's plan as the job summary. */
export async function writeDryRunSummary(session: RunSession, planText: string): Promise<void> {
  const markdown = [
    '## TaskMaster: dry run',
    '',
    '```text',
    planText,
    '```',
    '',
    'No hook ran, no model was called, and no state was written.',
    '',
  ];
  await appendSummary(markdown.join('\n'));
}

/**
 * Adds to the job summary, masked (anyone who can read the run can read it); a runner without one (or
 * a write error) only costs a warning.
 */
export async function appendSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(redactStep(markdown), true).write();
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Paused and waiting-for-a-person are not failures; a failed or cancelled run is. */
function reportStatus(view: RunView): void {
  switch (view.status) {
    case 'failed':
      return core.setFailed(`TaskMaster run failed: ${view.message ?? 'see the log above'}`);
    case 'interrupted':
      return core.setFailed('TaskMaster run interrupted; its state was saved.');
    case 'paused':
      return core.notice(view.resumeAt ? `Run paused until ${view.resumeAt}.` : 'Run paused.', {
        title: 'TaskMaster',
      });
    case 'needs_intervention':
      return core.notice(`Task ${view.needsTask ?? ''} needs a person's decision.`, { title: 'TaskMaster' });
    case 'completed':
    case 'aborted':
    case 'running':
      return;
  }
}
