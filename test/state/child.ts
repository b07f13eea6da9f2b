import { spawn, type ChildProcess } from 'node:child_process';
import { fixture } from './helpers.js';

/** A fixture script running in its own Node process, with its stdout split into lines. */
export interface Child {
  process: ChildProcess;
  pid: number;
  lines: string[];
  /** Resolves once a line satisfies `test` (rejects if the process exits first). */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export function runFixture(name: string, args: string[]): Child {
  const proc = spawn(process.execPath, [fixture(name), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    waiters.forEach((wake) => wake());
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const waitForLine = (test: (line: string) => boolean): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = lines.find(test);
        if (found === undefined) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        check();
        if (waiters.has(check)) reject(new Error(`${name} exited without the expected line:\n${stderr}`));
      });
    });
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  return { process: proc, pid: proc.pid, lines, waitForLine, exited };
}

/** The pid of a process that has already exited (so `kill(pid, 0)` says ESRCH). */
export async function deadPid(): Promise<number> {
  const proc = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => proc.once('exit', resolve));
  if (proc.pid === undefined) throw new Error('could not start node');
  return proc.pid;
}
