import type { TerminalInteraction } from '../engine/start-run.js';
import { askIntervention, askResume } from './interactive.js';
import type { CliIO } from './io.js';

/** The engine's questions, asked at the terminal with the guide's prompts. */
export function terminalInteraction(io: CliIO): TerminalInteraction {
  const prompt = { input: io.stdin, output: io.stdout };
  return {
    askResume: (info) => askResume(prompt, { ...info, now: new Date() }),
    askIntervention: (info) =>
      askIntervention(prompt, {
        title: info.task.title,
        attempts: info.attempts,
        maxAttempts: info.maxAttempts,
        lastError: info.lastError,
        recentFailures: info.recentFailures,
      }),
  };
}
