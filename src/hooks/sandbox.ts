import { constants } from 'node:os';

/**
 * How a command from the repository (a hook, an agent command) is started. Under bubblewrap it gets its
 * own PID namespace and a /proc of its own, so no ancestor's `/proc/<pid>/environ` (where TaskMaster's
 * API keys and tokens are) is visible, and setuid programs such as `sudo` gain nothing. The whole
 * filesystem stays bound as it is, so test suites keep working. See docs/security.md.
 */

/** What actually runs a command. */
export interface Sandbox {
  /** `bwrap`: its own PID namespace; `none`: a plain child of TaskMaster. */
  readonly kind: 'bwrap' | 'none';
  /** Program and arguments that run `command` with `/bin/sh -c`, inside the sandbox when there is one. */
  shell(command: string): { file: string; args: string[] };
  /** How the command ended, from the exit of the spawned program. */
  ending(code: number | null, signal: NodeJS.Signals | null): Ending;
}

export type Ending = { exitCode: number } | { signal: NodeJS.Signals | 'unknown signal' };

/** Commands run as TaskMaster's own children. */
export const NO_SANDBOX: Sandbox = {
  kind: 'none',
  shell: (command) => ({ file: '/bin/sh', args: ['-c', command] }),
  ending: plainEnding,
};

/**
 * The bubblewrap arguments, in this order: `/proc` must be mounted after the root is bound, or the
 * root's /proc (every process of the machine) shows through.
 */
export const BWRAP_ARGS: readonly string[] = [
  '--dev-bind',
  '/',
  '/',
  '--unshare-pid',
  '--proc',
  '/proc',
  // TaskMaster killed (even with SIGKILL) takes every sandboxed process with it.
  '--die-with-parent',
  // As root bwrap keeps every capability, and with CAP_SYS_ADMIN `umount /proc` uncovers the host's.
  '--cap-drop',
  'ALL',
];

/** Commands run under the bubblewrap binary at `bwrap` (an absolute path). */
export function bwrapSandbox(bwrap: string): Sandbox {
  return {
    kind: 'bwrap',
    shell: (command) => ({ file: bwrap, args: [...BWRAP_ARGS, '--', '/bin/sh', '-c', command] }),
    ending: bwrapEnding,
  };
}

function plainEnding(code: number | null, signal: NodeJS.Signals | null): Ending {
  return code !== null ? { exitCode: code } : { signal: signal ?? 'unknown signal' };
}

/** bwrap reports a command ended by signal N as exit code 128 + N, as a shell does. */
function bwrapEnding(code: number | null, signal: NodeJS.Signals | null): Ending {
  if (code === null || code <= 128) return plainEnding(code, signal);
  const name = signalName(code - 128);
  return name === undefined ? { exitCode: code } : { signal: name };
}

function signalName(n: number): NodeJS.Signals | undefined {
  const entry = Object.entries(constants.signals).find(([, value]) => value === n);
  return entry?.[0] as NodeJS.Signals | undefined;
}
