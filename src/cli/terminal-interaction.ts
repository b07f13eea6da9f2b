import type { TerminalInteraction } from '../engine/start-run.js';
import { askIntervention, askResume } from './interactive.js';
import { type CliIO, clockOf } from './io.js';

/** The engine's questions, asked at the terminal with the guide's prompts. */
export function terminalInteraction(io: CliIO): TerminalInteraction {
  const prompt = { input: io.stdin, output: io.stdout, signal: io.signal };
  return {
    // "Last updated: 2 minutes ago" is measured on the run's clock, the one that stamped the state.
    askResume: (info) => askResume(prompt, { ...info, now: new Date(clockOf(io).now()) }),
    askIntervention: (info) =>
      askIntervention(prompt, {
        title: info.task.title,
        attempts: info.attempts,
        maxAttempts: info.maxAttempts,
        lastError: info.lastError,
        recentFailures: info.recentFailures,
        columns: (io.stdout as { columns?: number }).columns,
      }),
  };
}
