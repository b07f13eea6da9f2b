import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendCapped, DEFAULT_LOG_CAP } from '../util/capped-log.js';
import type { LogCap } from '../util/capped-log.js';
import { NO_SECRETS, StreamRedactor, type Redactor } from '../util/redact.js';
import type { HookProcessOutcome } from './hook-process.js';

/**
 * A hook's run appended to `logs/<task>/pre.log` or `post.log`: a header, the output as it streams
 * and a footer. The log is where the whole story lives, so it keeps far more than the prompt does, but
 * not without end: the file keeps its head and tail within a few MB (`capped-log.ts`). Writes are
 * synchronous so that memory stays flat however fast the hook prints, and the order is exactly the
 * hook's. Every secret is masked on the way, also one cut between two chunks of output (see
 * docs/security.md).
 */

export interface HookLogHeader {
  /** When the run started. */
  time: Date;
  hook: string;
  description?: string | undefined;
  command: string;
  cwd: string;
  /** 1-based number of this run. */
  run: number;
  /** Runs allowed: 1 + `retry_count`. */
  maxRuns: number;
}

export interface HookLogFooter {
  outcome: HookProcessOutcome;
  /** The hook's `timeout`, in seconds. */
  timeoutSeconds: number;
  durationMs: number;
  /** Runs made so far. */
  runs: number;
}

export class HookLog {
  private endsWithNewline = true;
  /** The first write error (disk full...): later writes are skipped, the hook itself goes on. */
  writeError: Error | undefined;

  private readonly redacted: StreamRedactor;

  private constructor(
    private readonly file: string,
    private readonly cap: LogCap,
    redact: Redactor,
  ) {
    this.redacted = new StreamRedactor(redact);
  }

  /** Opens `file` for appending, creating it and its directories. Throws the file system's error. */
  static open(file: string, cap: LogCap = DEFAULT_LOG_CAP, redact: Redactor = NO_SECRETS): HookLog {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, '');
    return new HookLog(file, cap, redact);
  }

  header(h: HookLogHeader): void {
    const lines = [
      `==== ${h.time.toISOString()} hook ${h.hook} (run ${h.run} of ${h.maxRuns})`,
      ...(h.description ? [`description: ${h.description}`] : []),
      `command: ${h.command.trimEnd().replaceAll('\n', '\n         ')}`,
      `cwd: ${h.cwd}`,
      '----',
    ];
    this.write(`${lines.join('\n')}\n`);
  }

  write(text: string): void {
    this.append(this.redacted.write(text));
  }

  footer(f: HookLogFooter): void {
    this.append(this.redacted.flush());
    if (!this.endsWithNewline) this.write('\n');
    const timedOut = f.outcome.kind === 'timed-out' ? `yes (after ${f.timeoutSeconds}s)` : 'no';
    const seconds = (f.durationMs / 1000).toFixed(2);
    this.write(
      `==== ${describeOutcome(f.outcome)} | timed out: ${timedOut} | duration: ${seconds}s | runs: ${f.runs}\n\n`,
    );
  }

  /** Writes what the redactor still holds back (the end of the output). */
  close(): void {
    this.append(this.redacted.flush());
  }

  private append(text: string): void {
    if (text === '' || this.writeError) return;
    try {
      appendCapped(this.file, text, this.cap);
    } catch (error) {
      this.writeError = error as Error;
      return;
    }
    this.endsWithNewline = text.endsWith('\n');
  }
}

function describeOutcome(outcome: HookProcessOutcome): string {
  switch (outcome.kind) {
    case 'exited':
      return `exit code ${outcome.exitCode}`;
    case 'signaled':
      return `killed by ${outcome.signal}`;
    case 'timed-out':
      return 'killed (timeout)';
    case 'interrupted':
      return 'killed (interrupted)';
    case 'not-started':
      return `not started: ${outcome.message}`;
  }
}
