/** Reading a person's answers, one line at a time, from a terminal (or a pipe, or a test's stream). */
import { createInterface, type Interface } from 'node:readline';
import { RunInterrupted } from '../errors.js';

/** Where a prompt is asked and answered. */
export interface PromptIO {
  /** Usually `process.stdin`. */
  input: NodeJS.ReadableStream;
  /** Usually `process.stdout`. */
  output: { write(text: string): unknown };
  /** Aborted by Ctrl+C or SIGTERM: the question is dropped and the run stops as it would anywhere else. */
  signal?: AbortSignal | undefined;
}

/**
 * The lines of one input stream, kept across prompts. A pipe can deliver several answers in one chunk;
 * a reader per prompt would drop the lines after the first, so each stream gets one reader for good.
 * Between prompts the stream is paused, so a finished run still exits.
 */
class LineSource {
  private readonly queue: string[] = [];
  private ended: boolean;
  private waiter: ((line: string | null) => void) | undefined;
  private readonly rl: Interface;

  constructor(input: NodeJS.ReadableStream) {
    this.ended = (input as { readableEnded?: boolean }).readableEnded === true;
    // Not `terminal: true`: the terminal's own line editing and echo are enough, and the prompt text is
    // written by the caller so that tests see exactly what a person sees.
    this.rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.deliver(null);
    });
    this.rl.pause();
  }

  /** The next line, or `null` once the input has ended; rejects with `RunInterrupted` when `signal` aborts. */
  next(signal?: AbortSignal): Promise<string | null> {
    if (signal?.aborted) return Promise.reject(interrupted(signal));
    const line = this.queue.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        // Paused again, so that a waiting terminal does not keep the stopping process alive.
        this.waiter = undefined;
        this.rl.pause();
        reject(interrupted(signal));
      };
      this.waiter = (answer) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.rl.resume();
    });
  }

  private deliver(line: string | null): void {
    const waiter = this.waiter;
    if (!waiter) {
      if (line !== null) this.queue.push(line);
      return;
    }
    this.waiter = undefined;
    if (!this.ended) this.rl.pause();
    waiter(line);
  }
}

function interrupted(signal: AbortSignal | undefined): RunInterrupted {
  const reason: unknown = signal?.reason;
  return reason instanceof RunInterrupted ? reason : new RunInterrupted();
}

const sources = new WeakMap<NodeJS.ReadableStream, LineSource>();

function sourceOf(input: NodeJS.ReadableStream): LineSource {
  let source = sources.get(input);
  if (!source) {
    source = new LineSource(input);
    sources.set(input, source);
  }
  return source;
}

/**
 * Asks until `accept` maps an answer (trimmed, lower-cased) to a value; `null` re-asks with `retryText`.
 * Returns `onEnd` when the input ends (Ctrl+D, a closed pipe) before a usable answer; throws
 * `RunInterrupted` when `io.signal` aborts (Ctrl+C) while it waits.
 */
export async function askUntil<T>(
  io: PromptIO,
  question: { text: string; retryText: string; onEnd: T },
  accept: (answer: string) => T | null,
): Promise<{ value: T; ended: boolean }> {
  const source = sourceOf(io.input);
  io.output.write(question.text);
  for (;;) {
    const line = await source.next(io.signal);
    if (line === null) return { value: question.onEnd, ended: true };
    const value = accept(line.trim().toLowerCase());
    if (value !== null) return { value, ended: false };
    io.output.write(question.retryText);
  }
}
