import type { Analyzer, Finding } from './types.js';
import { oneLine } from './text.js';

/**
 * jest: `FAIL path` per file, then one `● suite › test` block per failure holding the matcher line,
 * `Expected:`/`Received:`, a code frame and `at … (file:line:col)` frames. `● Test suite failed to
 * run` marks a file that could not load.
 */
const FILE = /^\s*FAIL\s+(\S+)\s*$/;
const BULLET = /^\s*● (.+)$/;
const FRAME = /^\s*at (?:.*\()?([^()\s]+:\d+:\d+)\)?\s*$/;
const EXPECTED = /^\s*(Expected|Received)(?: [\w ]+)?:\s/;
// The `> 14 |` line of a code frame: the line that failed.
const POINTER = /^\s*>\s*\d+ \|/;
const SUMMARY = /^(Test Suites|Tests):\s+\d+ failed/;
const SUITE_FAILED = 'Test suite failed to run';

export const analyzeJest: Analyzer = (lines) => {
  const bullets = lines.flatMap((l, i) => (BULLET.test(l) ? [i] : []));
  if (bullets.length === 0 || !lines.some((l) => FILE.test(l) || SUMMARY.test(l))) return undefined;
  const findings = bullets.map((start) => readBlock(lines, start));
  const relevant = bullets.flatMap((start) => blockRelevant(lines, start));
  relevant.push(...lines.filter((l) => SUMMARY.test(l)));
  return { tool: 'jest', findings, relevant, position: bullets[0] ?? 0, notes: [] };
};

function readBlock(lines: string[], start: number): Finding {
  const title = BULLET.exec(lines[start] ?? '')?.[1]?.trim() ?? '';
  const body = lines.slice(start + 1, blockEnd(lines, start));
  const suite = title === SUITE_FAILED;
  const message = messageOf(body);
  const frame = body.map((l) => FRAME.exec(l)?.[1]).find((f) => f && !f.includes('node_modules'));
  return {
    kind: suite ? 'suite' : 'test',
    subject: suite ? (fileBefore(lines, start) ?? title) : title.replace(/ › /g, ' > '),
    ...(frame ? { location: frame } : {}),
    message: oneLine(message),
  };
}

/** The matcher or error line, with Expected/Received folded in: `toBe: Expected: 90, Received: 100`. */
function messageOf(body: string[]): string {
  const first = body.find((l) => l.trim() !== '')?.trim() ?? 'failed';
  const values = body.filter((l) => EXPECTED.test(l)).map((l) => l.trim());
  return values.length > 0 ? `${first} — ${values.join(', ')}` : first;
}

function blockEnd(lines: string[], start: number): number {
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (BULLET.test(line) || FILE.test(line) || SUMMARY.test(line) || /^(PASS|FAIL)\s/.test(line)) return i;
  }
  return lines.length;
}

function fileBefore(lines: string[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const m = FILE.exec(lines[i] ?? '');
    if (m) return m[1];
  }
  return undefined;
}

function blockRelevant(lines: string[], start: number): string[] {
  const body = lines.slice(start + 1, blockEnd(lines, start));
  const firstText = body.findIndex((l) => l.trim() !== '');
  const keep = body.filter((l, i) => i === firstText || EXPECTED.test(l) || POINTER.test(l));
  const frame = body.find((l) => FRAME.test(l) && !l.includes('node_modules'));
  return [lines[start] ?? '', ...keep, ...(frame ? [frame] : [])];
}
