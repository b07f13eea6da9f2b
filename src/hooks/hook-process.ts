import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { ProcessTree, type ProcessTreeOptions } from './process-tree.js';
import type { Sandbox } from './sandbox.js';

/** One run of a hook's command, with its whole process tree killed on timeout or abort. */

export interface HookProcessOptions {
  command: string;
  /** Existing directory to run in. */
  cwd: string;
  env: Record<string, string>;
  /** Milliseconds before the tree is killed; `Infinity` for no limit. */
  timeoutMs: number;
  /** Aborting it kills the tree (the run was interrupted). */
  signal?: AbortSignal | undefined;
  /** Receives output as it arrives, decoded as UTF-8. */
  onOutput: (chunk: string, source: 'stdout' | 'stderr') => void;
  /** Tuning of the tree killer (tests shorten the grace period). */
  tree?: Partial<ProcessTreeOptions> | undefined;
  /** Where the shell runs (see docs/security.md). */
  sandbox: Sandbox;
}

export type HookProcessOutcome =
  | { kind: 'exited'; /** Exit code of the shell. */ exitCode: number }
  | { kind: 'signaled'; /** Signal that ended the shell, e.g. `SIGSEGV`. */ signal: string }
  | { kind: 'timed-out' }
  | { kind: 'interrupted' }
  | { kind: 'not-started'; /** Why it could not start. */ message: string };

/** After the shell exits, how long to wait for descendants' copies of its pipes to close. */
const PIPE_CLOSE_WAIT_MS = 1000;
/** setTimeout's limit; a longer timeout would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Runs `command` with `/bin/sh -c` in the sandbox, stdin from /dev/null, in its own process group. */
export async function runHookProcess(options: HookProcessOptions): Promise<HookProcessOutcome> {
  const { file, args } = options.sandbox.shell(options.command);
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    // Its own session and group: no controlling terminal to wait on, and one kill reaches the tree
    // (inside bubblewrap too: its processes stay in the group, and --die-with-parent takes the rest).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error];
    return { kind: 'not-started', message: `could not start ${file}: ${error.message}` };
  }
  const closed = once(child, 'close').catch(() => undefined);
  forwardOutput(child, options.onOutput);
  const tree = new ProcessTree(pid, options.tree);
  tree.watch();
  const limits = watchLimits(tree, options);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    limits.dispose();
    // Whatever the hook left running in the background goes too: nothing outlives its hook.
    await tree.kill();
    await settleWithin(closed, PIPE_CLOSE_WAIT_MS);
    return outcomeOf(options.sandbox, code, signal, limits.reason());
  } finally {
    limits.dispose();
    tree.dispose();
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}

function forwardOutput(child: ChildProcess, onOutput: HookProcessOptions['onOutput']): void {
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => onOutput(chunk, 'stdout'));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => onOutput(chunk, 'stderr'));
}

interface LimitWatch {
  /** Why the tree was killed, if it was. */
  reason(): 'timed-out' | 'interrupted' | undefined;
  dispose(): void;
}

/** Kills the tree when the timeout expires or the signal aborts, remembering which came first. */
function watchLimits(tree: ProcessTree, options: HookProcessOptions): LimitWatch {
  let reason: 'timed-out' | 'interrupted' | undefined;
  const stop = (why: 'timed-out' | 'interrupted'): void => {
    reason ??= why;
    void tree.kill();
  };
  const timer = Number.isFinite(options.timeoutMs)
    ? setTimeout(() => stop('timed-out'), Math.min(Math.max(options.timeoutMs, 0), MAX_TIMER_MS))
    : undefined;
  const onAbort = (): void => stop('interrupted');
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}

function outcomeOf(
  sandbox: Sandbox,
  code: number | null,
  signal: NodeJS.Signals | null,
  killedFor: 'timed-out' | 'interrupted' | undefined,
): HookProcessOutcome {
  if (killedFor) return { kind: killedFor };
  const ending = sandbox.ending(code, signal);
  return 'exitCode' in ending
    ? { kind: 'exited', exitCode: ending.exitCode }
    : { kind: 'signaled', signal: ending.signal };
}

/** Waits for `promise`, but no longer than `ms`. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise, expired]);
  clearTimeout(timer);
}
