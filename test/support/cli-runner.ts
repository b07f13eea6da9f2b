import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Clock } from '../../src/engine/ports.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Injected time (waits, rate-limit windows); real time when absent. */
  clock?: Clock;
  /** Lines typed at a terminal. When given, stdin and stdout act as TTYs. */
  answers?: string[];
  signal?: AbortSignal;
}

/** A minimal environment: no credentials of the developer's machine leak into tests. */
export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...extra };
}

/** Runs `taskmaster <args>` in-process through the CLI's own `main`, with captured streams. */
export async function runCli(args: string[], opts: CliRunOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const tty = opts.answers !== undefined;
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  if (tty) {
    for (const answer of opts.answers ?? []) stdin.write(`${answer}\n`);
  }
  stdin.end();
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    env: opts.env ?? testEnv(),
    cwd: opts.cwd,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { code, stdout, stderr };
}

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lib/cli/index.js');

/** Spawns the compiled CLI (`lib/`, built by the global setup) as a real process. */
export function spawnCli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: (opts.env ?? testEnv()) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
  return { child, done, output: () => stdout + stderr };
}

/** A shell word for `script -c`. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Spawns the compiled CLI on a real pseudo-terminal (util-linux `script`), so it sees a TTY and asks
 * its prompts. `type` sends keys as a person would: `'\x03'` is Ctrl+C, which the terminal turns into
 * SIGINT for the CLI. `script -e` exits with the CLI's exit code.
 */
export function spawnInTerminal(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined> },
) {
  const command = [process.execPath, CLI, ...args].map(shellWord).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: opts.cwd,
    env: { TERM: 'xterm', ...(opts.env ?? testEnv()) } as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
  const done = new Promise<{ code: number | null; screen: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, screen: screen.replace(/\r\n/g, '\n') }));
  });
  return {
    child,
    done,
    /** What the terminal shows so far, with `\n` line ends. */
    screen: () => screen.replace(/\r\n/g, '\n'),
    type: (keys: string) => child.stdin.write(keys),
    /** Resolves once the terminal shows `text`; rejects after `timeoutMs` of real time. */
    async shows(text: string, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!screen.replace(/\r\n/g, '\n').includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`the terminal did not show ${JSON.stringify(text)}:\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
