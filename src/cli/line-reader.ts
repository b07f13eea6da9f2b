/** Reading a person's answers, one line at a time, from a terminal (or a test's stream). */
import { createInterface } from 'node:readline/promises';

/** Where a prompt is asked and answered. */
export interface PromptIO {
  /** Usually `process.stdin`. */
  input: NodeJS.ReadableStream;
  /** Usually `process.stdout`. */
  output: { write(text: string): unknown };
}

/**
 * Asks until `accept` maps an answer to a value; `null` from `accept` re-asks with `retryText`.
 * Returns `onEnd` when the input ends (Ctrl+D, a closed pipe) before a usable answer.
 */
export async function askUntil<T>(
  io: PromptIO,
  question: { text: string; retryText: string; onEnd: T },
  accept: (answer: string) => T | null,
): Promise<{ value: T; ended: boolean }> {
  // Not `terminal: true`: the terminal's own line editing and echo are enough, and the prompt text is
  // written by the caller so that tests see exactly what a person sees.
  const rl = createInterface({ input: io.input, terminal: false, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  try {
    io.output.write(question.text);
    for (;;) {
      const next = await lines.next();
      if (next.done === true) return { value: question.onEnd, ended: true };
      const value = accept(String(next.value).trim().toLowerCase());
      if (value !== null) return { value, ended: false };
      io.output.write(question.retryText);
    }
  } finally {
    rl.close();
  }
}
