/**
 * The Action's door: masks every secret first, then runs the post step or the main step —
 * a comment command or a run — with one top-level catch that turns any error into a failed step, a job
 * summary line and outputs that are always set.
 */
import * as core from '@actions/core';
import { ConfigError } from '../errors.js';
import { systemClock } from '../engine/ports.js';
import { actionsArtifacts } from './artifacts.js';
import { runCommentMode } from './comment-mode.js';
import { readGitHubEnv } from './github-env.js';
import { readInputs } from './inputs.js';
import { watchInterrupts } from './interrupt.js';
import { OutputRecorder } from './outputs.js';
import { runPost } from './post.js';
import { runMode } from './run-mode.js';
import { spawnToLog } from './sandbox-setup.js';
import { environmentSecrets } from '../util/run-secrets.js';
import { redactStep, registerSecrets } from './secrets.js';
import type { ActionServices } from './session.js';
import { actionsCache } from './state-cache.js';
import { maskStepOutput } from './step-output.js';
import { markDone, recall } from './step-state.js';
import { appendSummary } from './wrap-up.js';

/** Runs the step the runner started: main, or post when main has run before in this job. */
export async function run(services: Partial<ActionServices> = {}): Promise<void> {
  const env = process.env;
  registerSecrets(environmentSecrets(env));
  const unmask = maskStepOutput(redactStep);
  const all: ActionServices = {
    cache: actionsCache,
    artifacts: actionsArtifacts,
    clock: systemClock,
    processRunner: spawnToLog,
    ...services,
  };
  try {
    if (recall().isPost) return await runPostStep(env, all);
    markDone('isPost');
    await runMainStep(env, all);
  } finally {
    unmask();
  }
}

async function runMainStep(env: Record<string, string | undefined>, services: ActionServices): Promise<void> {
  const interrupts = watchInterrupts((message) => core.info(message));
  const outputs = new OutputRecorder();
  try {
    const inputs = readInputs(env);
    const gh = readGitHubEnv(env, process.cwd());
    if (gh.eventName === 'issue_comment') await runCommentMode(inputs, gh, outputs);
    else await runMode(inputs, gh, env, services, outputs, interrupts.signal);
  } catch (error) {
    outputs.set({ status: 'failed' });
    await fail(error);
  } finally {
    interrupts.dispose();
    outputs.write((name, value) => core.setOutput(name, value));
  }
}

async function runPostStep(env: Record<string, string | undefined>, services: ActionServices): Promise<void> {
  try {
    await runPost(env, process.cwd(), services);
  } catch (error) {
    // The post step only tidies up: it reports, but never fails a job the main step decided.
    core.warning(`TaskMaster post step: ${describeError(error)}`);
  }
}

async function fail(error: unknown): Promise<void> {
  const message = describeError(error);
  if (error instanceof Error && error.stack) core.debug(error.stack);
  core.setFailed(message);
  await appendSummary(
    `### ❌ TaskMaster could not finish\n\n\`\`\`text\n${message.replace(/```/g, "'''")}\n\`\`\`\n`,
  );
}

/** Typed errors carry a message written for the user (what is wrong, how to fix it). */
export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `Invalid configuration: ${error.message}`;
  if (error instanceof Error) return error.message;
  return `Unexpected error: ${String(error)}`;
}
