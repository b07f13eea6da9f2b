import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { HookConfig } from '../../src/config/types.js';
import { DEFAULTS } from '../../src/config/types.js';
import type { Clock } from '../../src/engine/ports.js';
import { systemClock } from '../../src/engine/ports.js';
import { ProcessHookRunner } from '../../src/hooks/process-hook-runner.js';
import { NO_SANDBOX, type Sandbox } from '../../src/hooks/sandbox.js';

/** A hook as the config loader would resolve it: defaults, then `overrides`. */
export function makeHook(overrides: Partial<HookConfig> & Pick<HookConfig, 'command'>): HookConfig {
  return { name: 'test', env: {}, ...DEFAULTS.hook, ...overrides };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory (real path: /tmp may be a symlink elsewhere), removed after the test. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'taskmaster-hooks-')));
  dirs.push(dir);
  return dir;
}

export function makeRunner(
  repoRoot: string,
  init: {
    env?: Record<string, string | undefined>;
    secrets?: string[];
    clock?: Clock;
    sandbox?: Sandbox;
  } = {},
): ProcessHookRunner {
  return new ProcessHookRunner({
    repoRoot,
    env: init.env ?? { PATH: process.env['PATH'] },
    secrets: init.secrets ?? [],
    clock: init.clock ?? systemClock,
    // A short grace keeps the SIGKILL test fast; SIGTERM-obeying processes never wait for it.
    tree: { graceMs: 300 },
    sandbox: init.sandbox ?? NO_SANDBOX,
  });
}

/**
 * True while `pid` runs. `process.kill(pid, 0)` alone is not enough here: where init does not reap
 * orphans (this sandbox), a killed grandchild stays a zombie, which answers signal 0 but runs nothing.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in ${file}`);
  return pid;
}
