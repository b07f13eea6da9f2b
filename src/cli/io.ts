import { type Clock, systemClock } from '../engine/ports.js';
import type { Redactor } from '../util/redact.js';

/** The CLI's view of the process: streams, environment and working directory, passed in for tests. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on the first Ctrl+C / SIGTERM: the run saves state and exits 130. */
  signal?: AbortSignal;
  /** Time source; the system clock when absent (tests inject a fake one). */
  clock?: Clock;
}

export function clockOf(io: CliIO): Clock {
  return io.clock ?? systemClock;
}

export function println(stream: CliIO['stdout'], text = ''): void {
  stream.write(`${text}\n`);
}

/** Prompts are asked only when a person can answer: both stdin and stdout are terminals, and not in CI. */
export function isInteractive(io: CliIO): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && io.env.CI !== 'true';
}

/**
 * The same IO with every secret masked in what is written to stdout and stderr. A run prints model text
 * and hook output as it goes, and a terminal in CI is a log that others read.
 */
export function redactedIO(io: CliIO, redact: Redactor): CliIO {
  const wrap = (stream: CliIO['stdout']): CliIO['stdout'] => ({
    write: (text: string) => stream.write(redact(text)),
    isTTY: stream.isTTY,
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
