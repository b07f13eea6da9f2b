/**
 * The Action's run (push, workflow_dispatch, schedule, pull_request): restore the newest state, check that
 * code and state agree, record a re-dispatched decision, run the engine without a terminal, then wrap up
 * (cache, artifact, summary, comment, outputs) however the run ended.
 */
import * as core from '@actions/core';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/types.js';
import type { RunEvent } from '../engine/events.js';
import type { RunOutcome } from '../engine/run-tasks.js';
import { startRun } from '../engine/start-run.js';
import { createOctokit } from '../github/octokit.js';
import { FileStateStore } from '../state/file-state-store.js';
import { coreLog } from './action-log.js';
import { planActionDryRun } from './dry-run.js';
import { createEventLog } from './event-log.js';
import type { GitHubEnv } from './github-env.js';
import { pushHead, resolvePushTarget, type PushTarget } from './git-push.js';
import type { ActionInputs } from './inputs.js';
import type { OutputRecorder } from './outputs.js';
import { findRunPullRequest, RunComment } from './pr-comment.js';
import { applyCommand, checkRestoredState, stillWaiting } from './restored-state.js';
import { buildRunView } from './run-view.js';
import type { Redactor } from '../util/redact.js';
import { runSecrets } from '../util/run-secrets.js';
import { registerSecrets } from './secrets.js';
import type { ActionServices, RunSession } from './session.js';
import { setUpSandbox } from './sandbox-setup.js';
import { restoreRunState, stateCacheTarget } from './state-cache.js';
import { stateKeyPrefix } from './state-key.js';
import { remember } from './step-state.js';
import { writeDryRunSummary, wrapUp } from './wrap-up.js';

/** Runs the task file; throws only what the wrap-up has already reported on (the door fails the step). */
export async function runMode(
  inputs: ActionInputs,
  gh: GitHubEnv,
  env: Record<string, string | undefined>,
  services: ActionServices,
  outputs: OutputRecorder,
  signal: AbortSignal,
): Promise<void> {
  const session = await openSession(inputs, gh, env, services, outputs);
  if (inputs.dryRun) return dryRun(session);
  let outcome: RunOutcome | undefined;
  let failure: unknown;
  try {
    outcome = await runEngine(session, signal);
  } catch (error) {
    failure = error;
  }
  await wrapUp(session, outcome, failure);
  if (failure !== undefined) throw failure;
}

/** Loads the configuration, names the state and restores it from the cache. */
async function openSession(
  inputs: ActionInputs,
  gh: GitHubEnv,
  env: Record<string, string | undefined>,
  services: ActionServices,
  outputs: OutputRecorder,
): Promise<RunSession> {
  const engineEnv = withApiKeys(env, inputs);
  const config = await loadConfig({
    cwd: gh.workspace,
    taskFile: inputs.taskFile,
    env: engineEnv,
    requireSecrets: !inputs.dryRun,
    ...(inputs.config ? { configPath: inputs.config } : {}),
  });
  // The configured keys and the hooks' own credentials, with the environment's registered at the door.
  const redact = registerSecrets(runSecrets(config, engineEnv));
  const stateKey = stateKeyPrefix(inputs.stateKey, config.taskFileDisplay, gh.branch);
  outputs.set({ 'state-key': stateKey, total: String(config.tasks.length) });
  remember('stateDir', config.stateDir);
  remember('workspace', gh.workspace);
  remember('stateKey', stateKey);
  const cacheTarget = stateCacheTarget(gh.workspace, config.stateDir);
  const expectState = inputs.command !== undefined && inputs.command !== 'resume';
  await restoreRunState(services.cache, cacheTarget, stateKey, coreLog, expectState);
  const store = openStore(config, gh.workspace, redact);
  return { inputs, gh, config, engineEnv, stateKey, cacheTarget, store, outputs, services, redact };
}

/** The API key inputs become the variables `${ANTHROPIC_API_KEY}` / `${OPENAI_API_KEY}` name. */
function withApiKeys(
  env: Record<string, string | undefined>,
  inputs: ActionInputs,
): Record<string, string | undefined> {
  return {
    ...env,
    ...(inputs.anthropicApiKey ? { ANTHROPIC_API_KEY: inputs.anthropicApiKey } : {}),
    ...(inputs.openaiApiKey ? { OPENAI_API_KEY: inputs.openaiApiKey } : {}),
  };
}

function openStore(config: ResolvedConfig, workspace: string, redact: Redactor): FileStateStore {
  const rel = path.relative(workspace, config.stateDir);
  const displayDir = rel === '' || rel.startsWith('..') ? config.stateDir : rel;
  return new FileStateStore(config.stateDir, {
    displayDir,
    taskFileHint: config.taskFileDisplay,
    onWarning: (message) => core.warning(message),
    redact,
  });
}

async function dryRun(session: RunSession): Promise<void> {
  const { config, inputs, store, services } = session;
  const report = await planActionDryRun(config, store, {
    now: new Date(services.clock.now()),
    maxWaitSeconds: inputs.maxWaitSeconds,
    ignoreRateLimits: inputs.ignoreConfigLimits,
  });
  core.info(report.text);
  core.info('Dry run: no hook ran, no model was called, and no state was written.');
  session.outputs.set({ status: 'dry-run', completed: String(report.completed) });
  await writeDryRunSummary(session, report.text);
}

/** Everything between the restored state and the engine's outcome. */
async function runEngine(session: RunSession, signal: AbortSignal): Promise<RunOutcome> {
  const { config, inputs, gh } = session;
  // The comment first, so that a run refused below still tells its pull request why it stopped.
  await openComment(session);
  const restored = await session.store.load();
  if (restored) await checkRestoredState(session, restored);
  const push = await resolvePushTarget(gh, inputs, config.repoRoot);
  if (inputs.command && inputs.command !== 'resume') {
    const ended = await applyCommand(session, restored);
    if (ended) return ended;
  }
  const waiting =
    restored && !inputs.command ? stillWaiting(restored, session.services.clock.now()) : undefined;
  return waiting ?? execute(session, push, signal);
}

/** The sticky comment, when the run belongs to a pull request. */
async function openComment(session: RunSession): Promise<void> {
  const { inputs, gh } = session;
  if (!inputs.comment || !inputs.githubToken) return;
  const octokit = createOctokit(inputs.githubToken, { log: coreLog });
  const prNumber = await findRunPullRequest(octokit, gh, inputs.prNumber, coreLog);
  if (prNumber === undefined) return;
  remember('prNumber', prNumber);
  session.prNumber = prNumber;
  const target = { owner: gh.owner, repo: gh.repo, issue_number: prNumber, key: session.stateKey };
  session.comment = new RunComment(
    octokit,
    target,
    gh.runUrl,
    coreLog,
    () => session.services.clock.now(),
    session.redact,
  );
}

async function execute(
  session: RunSession,
  push: PushTarget | null,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const { config, inputs, gh, store } = session;
  await setUpSandbox({
    platform: process.platform,
    env: session.engineEnv,
    run: session.services.processRunner,
    log: coreLog,
    group: (name, fn) => core.group(name, fn),
  });
  const log = createEventLog(core);
  const events = (event: RunEvent): void => {
    log.onEvent(event);
    if (event.type === 'run-start' || event.type === 'task-end') refreshComment(session);
  };
  const auth = { token: inputs.githubToken, serverUrl: gh.serverUrl };
  try {
    return await startRun({
      config,
      store,
      mode: 'auto',
      run: {
        stopOnFirstFailure: inputs.stopOnFirstFailure,
        autoApply: inputs.autoApply,
        verbose: core.isDebug(),
      },
      ignoreRateLimits: inputs.ignoreConfigLimits,
      maxWaitSeconds: inputs.maxWaitSeconds,
      env: session.engineEnv,
      clock: session.services.clock,
      events,
      signal,
      redact: session.redact,
      ...(push ? { onCommitted: (task) => pushHead(config.repoRoot, push, auth, task.id) } : {}),
    });
  } finally {
    log.close();
  }
}

/** Progress for the sticky comment, from the state as last saved. */
function refreshComment(session: RunSession): void {
  const comment = session.comment;
  if (!comment) return;
  void session.store
    .load()
    .then((state) => state && comment.progress(buildRunView(state, session.config.tasks)))
    .catch(() => undefined);
}
