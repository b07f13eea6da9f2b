import type { Analyzer, Finding } from './types.js';
import { oneLine } from './text.js';

/**
 * tsc: `file(line,col): error TS2322: message` when piped, `file:line:col - error TS2322: message`
 * with `--pretty`. Indented lines after an error elaborate it and are kept as relevant.
 */
const PLAIN = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.+)$/;
const PRETTY = /^(.+?):(\d+):(\d+) - error (TS\d+): (.+)$/;
const FOUND = /^Found \d+ errors?\b/;

export const analyzeTsc: Analyzer = (lines) => {
  const findings: Finding[] = [];
  const relevant: string[] = [];
  let first = -1;
  lines.forEach((line, i) => {
    const m = PLAIN.exec(line) ?? PRETTY.exec(line);
    if (!m) return;
    if (first < 0) first = i;
    const [, file = '', row = '', col = '', code = '', message = ''] = m;
    findings.push({
      kind: 'type',
      subject: `${file}:${row}:${col}`,
      location: `${file}:${row}:${col}`,
      code,
      message: oneLine(message),
    });
    relevant.push(line, ...elaboration(lines, i + 1));
  });
  if (findings.length === 0) return undefined;
  relevant.push(...lines.filter((l) => FOUND.test(l)));
  return { tool: 'tsc', findings, relevant, position: first, notes: [] };
};

/** The indented follow-up lines tsc prints under an error (`Type 'x' is missing …`). */
function elaboration(lines: string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length && out.length < 4; i++) {
    const line = lines[i] ?? '';
    if (!/^\s{2,}\S/.test(line) || /^\s*\d+\s/.test(line) || /^\s*~+\s*$/.test(line)) break;
    out.push(line);
  }
  return out;
}
