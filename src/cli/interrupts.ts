/**
 * Ctrl+C and SIGTERM. The first of either aborts the run's signal: the engine stops at the next safe
 * point (a prompt waiting for an answer included), saves the state as paused/interrupted and releases
 * its lock. CI cancels a job with SIGINT and then SIGTERM a few seconds later, so a SIGTERM that follows
 * never cuts that save short; only a person's second Ctrl+C quits at once.
 */
import { RunInterrupted } from '../errors.js';

export interface InterruptWatch {
  /** Aborted (with a `RunInterrupted`) by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** The process's exit code for a run that ended with `code`: 143 for an interrupted run stopped by SIGTERM. */
  exitCode(code: number): number;
  /** Stops the run as the first signal would, without a message (its output has nowhere to go). */
  stopQuietly(): void;
  /** Removes the handlers. */
  dispose(): void;
}

/** The process-level hooks, injectable so a test can deliver signals without sending them. */
export interface SignalProcess {
  on(name: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(name: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): never;
}

export const INTERRUPTED_EXIT = 130;
const SIGTERM_EXIT = 143;

export function watchInterrupts(
  stderr: { write(text: string): unknown },
  proc: SignalProcess = process,
): InterruptWatch {
  const controller = new AbortController();
  let first: 'SIGINT' | 'SIGTERM' | undefined;
  const stop = (name: 'SIGINT' | 'SIGTERM'): void => {
    first = name;
    stderr.write(
      name === 'SIGINT'
        ? '\nInterrupted: stopping after saving state (press Ctrl+C again to quit at once)...\n'
        : '\nReceived SIGTERM: stopping after saving state...\n',
    );
    controller.abort(new RunInterrupted());
  };
  const onSigint = (): void => {
    if (first === undefined) return stop('SIGINT');
    // Only a person presses Ctrl+C twice; a SIGINT after a SIGTERM is a runner's (signals sent back to
    // back may arrive in either order), so it waits for the save like a late SIGTERM does.
    if (first === 'SIGTERM') return void stderr.write('Still saving state...\n');
    proc.exit(INTERRUPTED_EXIT);
  };
  const onSigterm = (): void => {
    if (first === undefined) return stop('SIGTERM');
    stderr.write('Still saving state...\n');
  };
  proc.on('SIGINT', onSigint);
  proc.on('SIGTERM', onSigterm);
  return {
    signal: controller.signal,
    stopQuietly: () => {
      if (!controller.signal.aborted) controller.abort(new RunInterrupted());
    },
    exitCode: (code) => (code === INTERRUPTED_EXIT && first === 'SIGTERM' ? SIGTERM_EXIT : code),
    dispose: () => {
      proc.off('SIGINT', onSigint);
      proc.off('SIGTERM', onSigterm);
    },
  };
}
