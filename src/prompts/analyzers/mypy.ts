import type { Analyzer, Finding } from './types.js';
import { oneLine } from './text.js';

/** mypy: `path.py:line[:col]: error: message  [code]`, ending with `Found N errors in M files`. */
const ERROR = /^(\S+\.pyi?):(\d+)(?::(\d+))?: error: (.+?)(?:\s{2}\[([\w-]+)\])?\s*$/;
const FOUND = /^Found \d+ errors? in \d+ files?/;

export const analyzeMypy: Analyzer = (lines) => {
  const findings: Finding[] = [];
  const relevant: string[] = [];
  let first = -1;
  lines.forEach((line, i) => {
    const m = ERROR.exec(line);
    if (!m) return;
    if (first < 0) first = i;
    const [, file = '', row = '', col, message = '', code] = m;
    const location = col ? `${file}:${row}:${col}` : `${file}:${row}`;
    const finding: Finding = { kind: 'type', subject: location, location, message: oneLine(message) };
    if (code) finding.code = code;
    findings.push(finding);
    relevant.push(line);
  });
  if (findings.length === 0) return undefined;
  relevant.push(...lines.filter((l) => FOUND.test(l)));
  return { tool: 'mypy', findings, relevant, position: first, notes: [] };
};
