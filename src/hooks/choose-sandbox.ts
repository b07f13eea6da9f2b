import { execFile } from 'node:child_process';
import type { SandboxMode } from '../config/types.js';
import { UsageError } from '../errors.js';
import { findProgram } from './find-program.js';
import { BWRAP_ARGS, bwrapSandbox, NO_SANDBOX, type Sandbox } from './sandbox.js';

/** The sandbox commands of this run get, and what to say once when there is none. */
export interface SandboxChoice {
  sandbox: Sandbox;
  /** Set when commands run unsandboxed: names what they can reach, and how to close it. */
  warning?: string;
}

export interface ChooseSandboxOptions {
  /** The runner's environment: bubblewrap is looked up on its `PATH`. */
  env: Record<string, string | undefined>;
  /** Default: this machine's. */
  platform?: NodeJS.Platform;
}

/** Unprivileged user namespaces can be refused (a kernel or AppArmor setting): a quick test shows it. */
const PROBE_TIMEOUT_MS = 10_000;

const EXPOSURE =
  "a hook, or code it runs, can read TaskMaster's own environment (API keys and tokens included)";
const INSTALL = 'install bubblewrap (apt-get install bubblewrap, dnf install bubblewrap)';

/**
 * Decides how hooks and agent commands run. `auto` takes bubblewrap when it is installed and works,
 * else runs without a sandbox and warns; `bwrap` fails the start (a `UsageError`) instead of running
 * without it; `none` runs without a sandbox and warns. See docs/security.md.
 */
export async function chooseSandbox(mode: SandboxMode, opts: ChooseSandboxOptions): Promise<SandboxChoice> {
  if (mode === 'none') {
    return unsandboxed(
      `sandbox: none, so hooks run without a sandbox: ${EXPOSURE} from /proc/<pid>/environ.`,
    );
  }
  const platform = opts.platform ?? process.platform;
  if (platform !== 'linux') {
    if (mode === 'bwrap') throw refusal(`bubblewrap runs on Linux only, and this is ${platform}`);
    return unsandboxed(
      `Hooks run without a sandbox on ${platform} (bubblewrap is Linux only): ${EXPOSURE} with \`ps eww\`.`,
    );
  }
  const bwrap = await findProgram('bwrap', opts.env['PATH']);
  if (bwrap === undefined) {
    if (mode === 'bwrap') throw refusal(`bubblewrap (bwrap) is not on PATH; ${INSTALL}`);
    return unsandboxed(
      `bubblewrap (bwrap) is not installed, so hooks run without a sandbox: ${EXPOSURE} from ` +
        `/proc/<pid>/environ. To close this, ${INSTALL}.`,
    );
  }
  const refused = await probe(bwrap);
  if (refused === undefined) return { sandbox: bwrapSandbox(bwrap) };
  if (mode === 'bwrap') throw refusal(`${bwrap} cannot create a sandbox here: ${refused}`);
  return unsandboxed(
    `bubblewrap cannot create a sandbox here (${refused}), so hooks run without one: ${EXPOSURE} from ` +
      '/proc/<pid>/environ. Allow unprivileged user namespaces, or run as a user that may create them.',
  );
}

function unsandboxed(warning: string): SandboxChoice {
  return { sandbox: NO_SANDBOX, warning: `${warning} See docs/security.md.` };
}

function refusal(why: string): UsageError {
  return new UsageError(
    `sandbox: bwrap is set, but ${why}.\n` +
      'Fix that, or set `sandbox: auto` (bubblewrap when it works, else a warning) or `sandbox: none`.',
  );
}

/** Runs `true` in the sandbox: `undefined` when it worked, else bubblewrap's reason. */
function probe(bwrap: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      bwrap,
      [...BWRAP_ARGS, '--', '/bin/true'],
      { env: {}, timeout: PROBE_TIMEOUT_MS, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (!error) resolve(undefined);
        else resolve(firstLine(stderr) ?? error.message);
      },
    );
  });
}

function firstLine(text: string): string | undefined {
  const line = text.trim().split('\n')[0]?.trim();
  return line === undefined || line === '' ? undefined : line;
}
