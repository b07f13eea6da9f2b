/**
 * Output kept for prompts and results: the first lines and the last lines, with a count of what was
 * cut between them. The end of a failing test run says what failed; the start says what ran. Memory
 * stays bounded however much is written, because only the head and a ring of tail lines are held.
 */

export interface OutputLimits {
  /** Lines kept from the start. */
  headLines: number;
  /** Lines kept from the end. */
  tailLines: number;
  /** Most bytes (UTF-8) kept in all; a quarter goes to the head, the rest to the tail. */
  maxBytes: number;
  /** Longest line kept whole, in characters; the rest of a longer line is cut and counted. */
  maxLineLength: number;
}

export const DEFAULT_OUTPUT_LIMITS: Readonly<OutputLimits> = {
  headLines: 60,
  tailLines: 200,
  maxBytes: 64 * 1024,
  maxLineLength: 2000,
};

interface PartialLine {
  text: string;
  /** Characters dropped because the line grew past `maxLineLength`. */
  dropped: number;
}

/** Head lines + ring of tail lines, fed by `write` as text streams in. */
export class BoundedOutput {
  private readonly limits: OutputLimits;
  private readonly head: string[] = [];
  private headBytes = 0;
  /** Set once a line did not fit in the head: later lines must not jump ahead of the tail. */
  private headClosed = false;
  private readonly tail: string[] = [];
  private tailBytes = 0;
  private cutLines = 0;
  /** Unfinished last line of each source, so interleaved stdout and stderr keep whole lines. */
  private readonly partials = new Map<string, PartialLine>();

  constructor(limits: Partial<OutputLimits> = {}) {
    this.limits = { ...DEFAULT_OUTPUT_LIMITS, ...limits };
  }

  /** Adds text from `source` (e.g. `stdout`, `stderr`); lines complete at each `\n`. */
  write(text: string, source = 'output'): void {
    const pieces = text.split('\n');
    const last = pieces.pop() ?? '';
    for (const piece of pieces) {
      const line = this.appendToPartial(source, piece);
      this.partials.delete(source);
      this.addLine(line);
    }
    if (last !== '') this.appendToPartial(source, last);
  }

  /** Lines removed between head and tail so far. */
  get linesCut(): number {
    return this.cutLines;
  }

  /** Ends every unfinished line, so that what is written next starts on a line of its own. */
  flush(): void {
    for (const source of [...this.partials.keys()]) this.write('\n', source);
  }

  /** The kept text (unfinished lines ended), with a `[... N lines cut ...]` marker when lines were cut. */
  text(): string {
    this.flush();
    const parts = [...this.head];
    if (this.cutLines > 0) parts.push(`[... ${this.cutLines} lines cut ...]`);
    parts.push(...this.tail);
    return parts.join('\n');
  }

  private appendToPartial(source: string, piece: string): string {
    const partial = this.partials.get(source) ?? { text: '', dropped: 0 };
    const room = this.limits.maxLineLength - partial.text.length;
    if (piece.length <= room) partial.text += piece;
    else {
      partial.text += piece.slice(0, Math.max(room, 0));
      partial.dropped += piece.length - Math.max(room, 0);
    }
    this.partials.set(source, partial);
    return renderLine(partial);
  }

  private addLine(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    const fitsHead =
      this.head.length < this.limits.headLines && this.headBytes + bytes <= this.limits.maxBytes / 4;
    if (!this.headClosed && fitsHead) {
      this.head.push(line);
      this.headBytes += bytes;
      return;
    }
    this.headClosed = true;
    this.tail.push(line);
    this.tailBytes += bytes;
    this.trimTail();
  }

  private trimTail(): void {
    const tailBudget = this.limits.maxBytes - this.headBytes;
    while (
      this.tail.length > this.limits.tailLines ||
      (this.tailBytes > tailBudget && this.tail.length > 0)
    ) {
      const dropped = this.tail.shift() ?? '';
      this.tailBytes -= Buffer.byteLength(dropped) + 1;
      this.cutLines += 1;
    }
  }
}

function renderLine(partial: PartialLine): string {
  const text = partial.text.endsWith('\r') ? partial.text.slice(0, -1) : partial.text;
  return partial.dropped > 0 ? `${text} [... ${partial.dropped} characters cut ...]` : text;
}

/** `text` bounded as `BoundedOutput` would keep it. */
export function boundOutput(text: string, limits: Partial<OutputLimits> = {}): string {
  const output = new BoundedOutput(limits);
  output.write(text);
  return output.text();
}
