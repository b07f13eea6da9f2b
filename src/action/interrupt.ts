/**
 * Cancelling a job sends SIGINT, then SIGTERM about 7.5 s later, then kills the step. The first signal
 * aborts the engine, which stops at the next safe point and saves state; the wrap-up then saves it to
 * the cache. Whatever is left undone, the post step finishes.
 */
import { RunInterrupted } from '../errors.js';

/** The abort signal the engine watches, and a way to stop listening. */
export interface InterruptWatch {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Removes the signal handlers. */
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Turns SIGINT/SIGTERM into an aborted signal (once); `say` tells the log what is happening. */
export function watchInterrupts(say: (message: string) => void): InterruptWatch {
  const controller = new AbortController();
  const onSignal = (name: string): void => {
    if (controller.signal.aborted) return;
    say(`Received ${name}: stopping the run and saving its state...`);
    controller.abort(new RunInterrupted(`Interrupted by ${name}`));
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
