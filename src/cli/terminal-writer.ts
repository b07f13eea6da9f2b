/**
 * Line output that shares one stream between whole lines, streamed hook output (which arrives in
 * arbitrary chunks) and a live line rewritten in place on a terminal. Whatever is written, the previous
 * partial or live line is ended first, so nothing is ever printed onto the middle of another line.
 * Streamed output is masked as it passes, also a secret cut between two chunks (see docs/security.md).
 */
import { NO_SECRETS, StreamRedactor, type Redactor } from '../util/redact.js';

/** Where progress goes: stdout, or a test's buffer. */
export interface ProgressOutput {
  write(text: string): unknown;
  /** A terminal can have a line rewritten in place; elsewhere every update is a new line. */
  isTTY?: boolean | undefined;
}

/** Erase the current terminal line and go back to its start. */
const CLEAR_LINE = '\r\x1b[2K';

export class TerminalWriter {
  private partial = false;
  private live = false;
  private readonly held: StreamRedactor;
  /** The prefix of the stream the held-back text belongs to. */
  private heldPrefix = '';

  constructor(
    private readonly out: ProgressOutput,
    redact: Redactor = NO_SECRETS,
  ) {
    this.held = new StreamRedactor(redact);
  }

  get isTTY(): boolean {
    return this.out.isTTY === true;
  }

  /** A whole line. */
  line(text = ''): void {
    this.settle();
    this.out.write(`${text}\n`);
  }

  /** A chunk of streamed output, each line starting with `prefix`; may end mid-line. */
  stream(chunk: string, prefix: string): void {
    this.heldPrefix = prefix;
    this.streamText(this.held.write(chunk), prefix);
  }

  private streamText(chunk: string, prefix: string): void {
    if (chunk === '') return;
    this.endLive();
    const parts = chunk.split('\n');
    const text = parts.map((part, i) => {
      const last = i === parts.length - 1;
      const starts = i > 0 || !this.partial;
      return last && part === '' ? '' : `${starts ? prefix : ''}${part}`;
    });
    this.out.write(text.join('\n'));
    this.partial = !chunk.endsWith('\n');
  }

  /** Replace the live line (on a terminal only) with `text`, without ending it. */
  rewrite(text: string): void {
    this.flushHeld();
    if (this.partial) this.endPartial();
    this.out.write(`${CLEAR_LINE}${text}`);
    this.live = true;
  }

  /** End the live line with `text` in place of what it showed. */
  endLive(text?: string): void {
    if (!this.live) return;
    this.out.write(text === undefined ? '\n' : `${CLEAR_LINE}${text}\n`);
    this.live = false;
  }

  /** End whatever line is open: call before anything else writes to the stream. */
  settle(): void {
    this.flushHeld();
    this.endLive();
    this.endPartial();
  }

  /** Streamed text held back as the possible start of a secret: it is not one, or the stream is over. */
  private flushHeld(): void {
    this.streamText(this.held.flush(), this.heldPrefix);
  }

  private endPartial(): void {
    if (!this.partial) return;
    this.out.write('\n');
    this.partial = false;
  }
}
