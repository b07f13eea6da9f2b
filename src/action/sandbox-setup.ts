/**
 * Hooks run inside bubblewrap when `bwrap` is on PATH (see docs/hooks.md), and GitHub's hosted Ubuntu
 * images do not always ship it. So on a GitHub-hosted Linux runner the Action installs it before the
 * engine runs. Self-hosted runners are the owner's machines: the Action installs nothing there. A failed
 * install only warns: the run goes on, with hooks outside a sandbox.
 */
import { spawn } from 'node:child_process';
import { findProgram } from '../hooks/find-program.js';
import type { ActionLog } from './action-log.js';

/**
 * Runs a program with its output going to the job log, killed after `timeoutMs`. Resolves with the exit
 * code, or `null` when it was killed or could not start.
 */
export type ProcessRunner = (
  file: string,
  args: string[],
  options: { env: Record<string, string | undefined>; timeoutMs: number },
) => Promise<number | null>;

/** What the setup needs to know and to do. */
export interface SandboxSetupDeps {
  /** `process.platform` of the runner. */
  platform: NodeJS.Platform;
  /** The step's environment (`RUNNER_ENVIRONMENT`, `PATH`). */
  env: Record<string, string | undefined>;
  run: ProcessRunner;
  log: ActionLog;
  /** A collapsible group in the job log around `fn` (`core.group`). */
  group: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

/** How the setup ended, for the log and the tests. */
export type SandboxSetup = 'present' | 'not-applicable' | 'installed' | 'failed';

/** The whole install, apt-get's wait for the package lock included; a slow mirror must not eat the job. */
const INSTALL_TIMEOUT_MS = 180_000;

/** Installs bubblewrap on a GitHub-hosted Linux runner that lacks it; never throws. */
export async function setUpSandbox(deps: SandboxSetupDeps): Promise<SandboxSetup> {
  if (await hasBwrap(deps.env.PATH)) {
    deps.log.debug('bubblewrap is on PATH: hooks run in a sandbox.');
    return 'present';
  }
  if (deps.platform !== 'linux' || deps.env.RUNNER_ENVIRONMENT !== 'github-hosted') {
    deps.log.debug('bubblewrap is not on PATH; the Action installs it only on GitHub-hosted Linux runners.');
    return 'not-applicable';
  }
  const code = await deps.group('Installing bubblewrap to sandbox hooks', () => install(deps));
  if (code === 0 && (await hasBwrap(deps.env.PATH))) {
    deps.log.info('Installed bubblewrap to sandbox hooks');
    return 'installed';
  }
  const why =
    code === null
      ? `apt-get did not finish within ${INSTALL_TIMEOUT_MS / 1000} s`
      : code === 0
        ? 'apt-get succeeded but bwrap is still not on PATH'
        : `apt-get exited with code ${code}`;
  deps.log.warning(
    `Could not install bubblewrap (${why}): hooks will run without a sandbox. ` +
      'Install it in an earlier step (`sudo apt-get install -y bubblewrap`) to sandbox them.',
  );
  return 'failed';
}

/** `sudo -n` fails at once instead of asking for a password; sudo drops the environment, hence `env`. */
function install(deps: SandboxSetupDeps): Promise<number | null> {
  const args = [
    '-n',
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    'install',
    '-y',
    '-q',
    '--no-install-recommends',
    '-o',
    'DPkg::Lock::Timeout=60',
    'bubblewrap',
  ];
  // Only PATH: apt needs nothing else, and the step's environment carries the API key inputs.
  return deps.run('sudo', args, { env: { PATH: deps.env.PATH }, timeoutMs: INSTALL_TIMEOUT_MS });
}

/** The real runner: output straight to the job log. */
export const spawnToLog: ProcessRunner = (file, args, options) =>
  new Promise((resolve) => {
    const child = spawn(file, args, {
      env: options.env,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: options.timeoutMs,
      // sudo passes SIGTERM on to apt-get; SIGKILL would leave apt-get running.
      killSignal: 'SIGTERM',
    });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });

/** The hook runner's own lookup (`findProgram`), so the Action and the sandbox agree on what is there. */
async function hasBwrap(searchPath: string | undefined): Promise<boolean> {
  return (await findProgram('bwrap', searchPath)) !== undefined;
}
