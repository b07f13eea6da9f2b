/**
 * The Action's main step run in this process, with the environment, working directory and file
 * commands the runner gives it, and its stdout captured.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { vi } from 'vitest';
import { run } from '../../src/action/main.js';
import { prepareStep, stepFiles, type JobSetup, type StepResult } from './step-runner.js';

export interface InProcessResult extends Pick<StepResult, 'outputs' | 'summary'> {
  failed: boolean;
  /** Everything the step wrote to stdout. */
  log: string;
}

/**
 * Runs the main step. `core.summary` keeps the first file it wrote to for the life of the process; a
 * real step is one process. So every in-process step writes the one `summaryFile`, and reads what it
 * added. `env` adds variables to the runner's.
 */
export async function runStepInProcess(
  setup: JobSetup,
  summaryFile: string,
  env: Record<string, string> = {},
): Promise<InProcessResult> {
  const prepared = prepareStep(setup);
  if (!existsSync(summaryFile)) writeFileSync(summaryFile, '');
  const summaryStart = readFileSync(summaryFile, 'utf8').length;
  const stepEnv = { ...prepared.env, ...env, GITHUB_STEP_SUMMARY: summaryFile };
  const saved = { env: process.env, cwd: process.cwd() };
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  process.env = stepEnv;
  process.chdir(setup.workspace);
  process.exitCode = undefined;
  try {
    await run();
    const summary = readFileSync(summaryFile, 'utf8').slice(summaryStart);
    return { ...stepFiles(prepared.files), summary, failed: process.exitCode === 1, log: lines.join('') };
  } finally {
    process.exitCode = undefined;
    process.env = saved.env;
    process.chdir(saved.cwd);
    write.mockRestore();
  }
}
