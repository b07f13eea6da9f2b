import { RunInterrupted } from '../errors.js';

export function isInterrupted(ctx: { signal?: AbortSignal }): boolean {
  return ctx.signal?.aborted === true;
}

export function interruptedError(): RunInterrupted {
  return new RunInterrupted('Interrupted; state saved. Run `taskmaster resume` to continue.');
}
