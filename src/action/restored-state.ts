/**
 * What a restored state allows: it must agree with the checkout, an aborted run stays
 * aborted, a re-dispatched decision is recorded before the run, and a run still waiting for its reset
 * time or for a person is not started again by a run nobody asked for.
 */
import * as core from '@actions/core';
import { type PauseReason, StateError, UsageError } from '../errors.js';
import { recordDecision } from '../engine/decisions.js';
import type { RunOutcome } from '../engine/run-tasks.js';
import type { RunState } from '../state/run-state.js';
import { missingCommits, missingCommitsMessage } from './git-push.js';
import { refuseRunConfigChanges } from './run-config-changes.js';
import type { RunSession } from './session.js';

/**
 * A state that claims commits the checkout lacks, an aborted run, or a run whose own commits changed its
 * configuration cannot simply go on.
 */
export async function checkRestoredState(session: RunSession, state: RunState): Promise<void> {
  const missing = await missingCommits(session.config.repoRoot, state.applied_commits);
  if (missing.length > 0) {
    throw new StateError('invalid', session.store.location, missingCommitsMessage(missing, session.stateKey));
  }
  // An abort runs nothing, so it may end a run whatever its configuration says.
  if (session.inputs.command !== 'abort') {
    await refuseRunConfigChanges(session.config, state.applied_commits, session.stateKey);
  }
  const deciding = session.inputs.command === 'retry' || session.inputs.command === 'skip';
  if (state.status === 'aborted' && !state.pending_decision && !deciding) {
    throw new UsageError(
      `The run under the state key ${session.stateKey} was aborted. To start over, run the workflow with a new ` +
        `\`state-key\` input (for example \`${session.stateKey}fresh\`).`,
    );
  }
}

/** `command`/`task-id` from a re-dispatch: the decision is recorded before the run goes on. */
export async function applyCommand(
  session: RunSession,
  restored: RunState | null,
): Promise<RunOutcome | undefined> {
  const { command, taskId } = session.inputs;
  if (!command || command === 'resume') return undefined;
  if (!restored) {
    throw new UsageError(
      `Nothing to ${command}: no saved run state under the key prefix ${session.stateKey}. ` +
        'Start the run first (run the workflow without `command`).',
    );
  }
  const now = new Date(session.services.clock.now());
  const result = await recordDecision(session.store, command, taskId, now);
  core.info(`Recorded the decision: ${command}${result.taskId ? ` ${result.taskId}` : ''}`);
  if (command === 'abort') return { kind: 'aborted', message: 'Run aborted by a person’s decision.' };
  return undefined;
}

/**
 * A run that waits for a reset time or for a person is left alone by a run nobody asked for (a
 * scheduled resume, a push): it would only pause again. `/taskmaster resume` still forces it on.
 */
export function stillWaiting(state: RunState, now: number): RunOutcome | undefined {
  const until = state.paused_until ? Date.parse(state.paused_until) : NaN;
  if (state.status === 'paused' && until > now) {
    const reason = PAUSE_REASONS.find((r) => r === state.pause_reason) ?? 'rate-limit';
    const message = `The run is paused until ${state.paused_until ?? ''}; nothing to do before then.`;
    return { kind: 'paused', reason, until: new Date(until), message };
  }
  const taskId = state.needs_intervention?.task_id;
  if (state.status === 'needs_intervention' && taskId && !state.pending_decision) {
    return { kind: 'needs-intervention', taskId, message: `Task ${taskId} still needs a person's decision.` };
  }
  return undefined;
}

const PAUSE_REASONS: readonly PauseReason[] = ['rate-limit', 'budget', 'api-retries', 'intervention'];
