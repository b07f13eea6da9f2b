import type { Analyzer, Finding } from './types.js';
import { nextNonBlank, oneLine } from './text.js';

/**
 * vitest: each failure is a ` FAIL  file > suite > test` header (or `FAIL  file [ file ]` for a file
 * that could not load), the error line, an Expected/Received diff and a ` ❯ file:line:col` frame.
 * Without those blocks (a reporter that prints only the tree) the `×` lines are used.
 */
const HEADER = /^\s*FAIL\s+(\S+?)(?: > (.+)| \[ \S+ \])\s*$/;
const SEPARATOR = /^\s*⎯{3,}/;
const FRAME = /^\s*(?:❯|at)\s+.*?(\S+?:\d+:\d+)\)?\s*$/;
const DIFF = /^\s*([-+] (?:Expected|Received)\b|[-+] \S|Expected:|Received:)/;
const TREE_FAIL = /^\s*[×✗✕]\s+(.+)$/;
const ARROW = /^\s*→\s+(.+)$/;
const SUMMARY = /^\s*(Test Files|Tests)\s+\d+ failed/;

export const analyzeVitest: Analyzer = (lines) => {
  const headers = lines.flatMap((l, i) => (HEADER.test(l) ? [i] : []));
  const isVitest =
    headers.length > 0 || lines.some((l) => /^\s*Test Files\s/.test(l) || /Failed Tests \d+/.test(l));
  if (!isVitest) return undefined;
  const findings = headers.length > 0 ? fromBlocks(lines, headers) : fromTree(lines);
  if (findings.length === 0) return undefined;
  return {
    tool: 'vitest',
    findings,
    relevant: relevantLines(lines, headers),
    position: headers[0] ?? 0,
    notes: [],
  };
};

function fromBlocks(lines: string[], headers: number[]): Finding[] {
  return headers.map((start) => {
    const header = HEADER.exec(lines[start] ?? '');
    const file = header?.[1] ?? '';
    const test = header?.[2];
    const end = blockEnd(lines, start);
    const errorAt = lines.slice(start + 1, end).findIndex((l) => l.trim() && !HEADER.test(l));
    const message = errorAt >= 0 ? (lines[start + 1 + errorAt] ?? '') : 'failed';
    const frame = lines
      .slice(start, end)
      .map((l) => FRAME.exec(l)?.[1])
      .find(Boolean);
    return {
      kind: test ? 'test' : 'suite',
      subject: test ?? file,
      location: frame ?? file,
      message: oneLine(message),
    } satisfies Finding;
  });
}

function blockEnd(lines: string[], start: number): number {
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (SEPARATOR.test(line) || SUMMARY.test(line)) return i;
    // Consecutive headers share the error below them; a later header starts a new block.
    if (HEADER.test(line) && !HEADER.test(lines[i - 1] ?? '')) return i;
  }
  return lines.length;
}

function fromTree(lines: string[]): Finding[] {
  return lines.flatMap((line, i) => {
    const m = TREE_FAIL.exec(line);
    if (!m?.[1] || /\(\d+ tests?/.test(m[1])) return [];
    const arrow = ARROW.exec(nextNonBlank(lines, i + 1) ?? '');
    return [{ kind: 'test' as const, subject: m[1].trim(), message: oneLine(arrow?.[1] ?? 'failed') }];
  });
}

function relevantLines(lines: string[], headers: number[]): string[] {
  const out: string[] = [];
  for (const start of headers) {
    const block = lines.slice(start, Math.min(blockEnd(lines, start), start + 40));
    const errorAt = block.findIndex((l, i) => i > 0 && l.trim() !== '' && !HEADER.test(l));
    out.push(...block.filter((l, i) => i === errorAt || HEADER.test(l) || DIFF.test(l) || FRAME.test(l)));
  }
  out.push(...lines.filter((l) => SUMMARY.test(l)));
  return out.map((l) => l.trimEnd());
}
