/** Small helpers shared by the output analysers. */

const MAX_MESSAGE = 160;

/** Collapses whitespace and cuts a message to one readable line. */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Indices of the lines matching `re`. */
export function indicesOf(lines: string[], re: RegExp): number[] {
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (re.test(line)) out.push(i);
  });
  return out;
}

/** The first non-blank line at or after `from` (and before `to`), trimmed. */
export function nextNonBlank(lines: string[], from: number, to = lines.length): string | undefined {
  for (let i = from; i < to; i++) {
    const line = lines[i]?.trim();
    if (line) return line;
  }
  return undefined;
}

/** Keeps the first occurrence of each line, in order. */
export function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}
