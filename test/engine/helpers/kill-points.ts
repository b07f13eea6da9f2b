/**
 * Stopping a spawned CLI at a chosen moment: when a file appears, or when something happens in the
 * state directory (a save begins, a task is recorded as completed).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** How the process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function exited(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Resolves once `file` exists; rejects after `timeoutMs` (real time: it waits for another process). */
export async function fileAppears(file: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await delay(20);
  }
}

/**
 * SIGKILLs `child` at the first change in `dir` for which `when(name)` holds. Resolves with the name
 * that triggered the kill, or `null` when the process ended first.
 */
export async function killOnChange(
  child: ChildProcess,
  dir: string,
  when: (name: string) => boolean,
): Promise<string | null> {
  const watcher = watch(dir);
  const killed = new Promise<string>((resolve) => {
    watcher.on('change', (_event, name) => {
      const file = String(name);
      if (!when(file) || child.exitCode !== null) return;
      child.kill('SIGKILL');
      resolve(file);
    });
  });
  try {
    return await Promise.race([killed, exited(child).then(() => null)]);
  } finally {
    watcher.close();
  }
}

/** Completed task ids of a state file as it is on disk now; empty while it is missing or mid-rename. */
export function completedOnDisk(stateFile: string): string[] {
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { completed_task_ids?: string[] };
    return state.completed_task_ids ?? [];
  } catch {
    return [];
  }
}
