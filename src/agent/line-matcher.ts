import { Worker } from 'node:worker_threads';

/**
 * Matches the lines of files against the model's regular expression in a worker thread, under a
 * deadline. A pattern such as `(a+)+$` backtracks exponentially on a long line; run on the main thread
 * it would hold the event loop at 100% CPU for hours, so neither the deadline nor Ctrl+C/SIGTERM could
 * act. In a worker the main thread stays free and the worker is terminated when the deadline passes.
 * A linear-time engine (RE2) was the other choice; it was not taken because it rejects lookarounds and
 * backreferences, which models write expecting JavaScript's own syntax, as the tool's description says.
 */

/** One matching line, trimmed and cut to `maxChars`. */
export interface LineHit {
  /** 1-based. */
  line: number;
  text: string;
}

/** The deadline passed before the search was done. */
export class SearchTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the search took longer than ${ms / 1000} second${ms === 1000 ? '' : 's'}`);
    this.name = 'SearchTimeout';
  }
}

// Plain JavaScript evaluated in the worker (a separate file would not survive bundling into dist/).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const regex = new RegExp(workerData.pattern);
const maxChars = workerData.maxChars;
parentPort.on('message', ({ text, limit }) => {
  const hits = [];
  const lines = text.split('\\n');
  for (let i = 0; i < lines.length && hits.length < limit; i++) {
    const line = lines[i].endsWith('\\r') ? lines[i].slice(0, -1) : lines[i];
    if (!regex.test(line)) continue;
    const trimmed = line.trim();
    hits.push({ line: i + 1, text: trimmed.length <= maxChars ? trimmed : trimmed.slice(0, maxChars) + ' [...]' });
  }
  parentPort.postMessage(hits);
});
`;

export interface LineMatcherOptions {
  /** A valid JavaScript regular expression (checked by the caller). */
  pattern: string;
  /** Matching lines are cut to this many characters. */
  maxChars: number;
  /** Milliseconds from the start until the worker is terminated. */
  deadlineMs: number;
}

export class LineMatcher {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private failure: Error | undefined;
  private rejectPending: ((error: Error) => void) | undefined;

  constructor(opts: LineMatcherOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pattern: opts.pattern, maxChars: opts.maxChars },
    });
    this.worker.on('error', (error) => this.fail(error));
    this.timer = setTimeout(() => this.fail(new SearchTimeout(opts.deadlineMs)), opts.deadlineMs);
  }

  /** The first `limit` matching lines of `text`; rejects with `SearchTimeout` when the deadline passes. */
  match(text: string, limit: number): Promise<LineHit[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<LineHit[]>((resolve, reject) => {
      this.rejectPending = reject;
      this.worker.once('message', (hits: LineHit[]) => {
        this.rejectPending = undefined;
        resolve(hits);
      });
      this.worker.postMessage({ text, limit });
    });
  }

  /** Stops the worker; call it once the search is over, however it ended. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.rejectPending?.(this.failure);
    this.rejectPending = undefined;
    void this.worker.terminate();
  }
}
