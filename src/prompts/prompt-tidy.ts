/**
 * Cleans up a rendered built-in template: a section whose variable was empty (no requirements, file
 * contents turned off, no previous response) is dropped with its heading, and so is a `- Label:`
 * line with nothing after it. Headings and labels inside code fences are content, not structure,
 * and are left alone. Custom templates are never tidied: the user gets exactly what they wrote.
 */
export function tidyPrompt(text: string): string {
  const lines = text.split('\n');
  const structure = scan(lines);
  const kept = dropEmptyLabels(lines, structure);
  const tidied = dropEmptySections(kept.lines, kept.structure);
  return `${tidied
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

interface LineInfo {
  /** Markdown heading level, 0 for other lines. */
  heading: number;
  /** Inside a fenced block, or a fence line itself. */
  fenced: boolean;
  /** An opening or closing fence line. */
  fence: boolean;
}

function scan(lines: string[]): LineInfo[] {
  let open: string | undefined;
  return lines.map((line) => {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (open === undefined || (marker[0] === open[0] && marker.length >= open.length))) {
      const closing = open !== undefined && line.trim() === marker;
      if (open === undefined) open = marker;
      else if (closing) open = undefined;
      return { heading: 0, fenced: true, fence: true };
    }
    if (open !== undefined) return { heading: 0, fenced: true, fence: false };
    const hashes = /^(#{1,6}) \S/.exec(line)?.[1];
    return { heading: hashes?.length ?? 0, fenced: false, fence: false };
  });
}

function dropEmptyLabels(lines: string[], info: LineInfo[]): { lines: string[]; structure: LineInfo[] } {
  const keep = lines.map((line, i) => {
    if (info[i]?.fenced === true || !/^\s*[-*] [^:`]+:\s*$/.test(line)) return true;
    // `- name:` followed by indented lines (a multi-line hook command) is a label with a value.
    return /^\s+\S/.test(lines[i + 1] ?? '');
  });
  return { lines: lines.filter((_l, i) => keep[i]), structure: info.filter((_s, i) => keep[i]) };
}

/** Walks headings from the last to the first, so a parent sees its children already removed. */
function dropEmptySections(lines: string[], info: LineInfo[]): string[] {
  const out = [...lines];
  const meta = [...info];
  for (let i = out.length - 1; i >= 0; i--) {
    const level = meta[i]?.heading ?? 0;
    if (level === 0) continue;
    let end = i + 1;
    while (end < out.length && !isHeadingAtMost(meta[end], level)) end++;
    if (isEmptyBody(out.slice(i + 1, end), meta.slice(i + 1, end))) {
      out.splice(i, end - i);
      meta.splice(i, end - i);
    }
  }
  return out;
}

function isHeadingAtMost(info: LineInfo | undefined, level: number): boolean {
  return info !== undefined && info.heading > 0 && info.heading <= level;
}

/** Blank lines and empty fences only; a sub-heading that survived means the section has content. */
function isEmptyBody(lines: string[], info: LineInfo[]): boolean {
  return lines.every((line, i) => info[i]?.heading === 0 && (line.trim() === '' || info[i]?.fence === true));
}
