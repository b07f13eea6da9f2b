import type { Analyzer, Finding } from './types.js';
import { oneLine } from './text.js';

/**
 * ruff (and flake8): `path:line:col: CODE message` (the concise format, and the first line of the
 * older full format), or since ruff 0.12 `CODE message` with a ` --> path:line:col` line below it.
 * `[*]` marks a problem `ruff check --fix` could fix.
 */
const CONCISE = /^(\S.*?):(\d+):(\d+): ([A-Z]{1,4}\d{2,4}) (?:\[\*\] )?(.+)$/;
const HEADLINE = /^([A-Z]{1,4}\d{2,4}) (?:\[\*\] )?(.+)$/;
const ARROW = /^\s*--> (\S+?):(\d+):(\d+)\s*$/;
const SUMMARY = /^(Found \d+ errors?\.|\[\*\] \d+ fixable)/;

export const analyzeRuff: Analyzer = (lines) => {
  const findings: Finding[] = [];
  const relevant: string[] = [];
  let first = -1;
  lines.forEach((line, i) => {
    const found = readConcise(line) ?? readFull(line, lines[i + 1]);
    if (!found) return;
    if (first < 0) first = i;
    findings.push(found);
    relevant.push(`${found.location ?? ''}: ${found.code ?? ''} ${found.message}`);
  });
  if (findings.length === 0) return undefined;
  const summary = lines.filter((l) => SUMMARY.test(l));
  relevant.push(...summary);
  const notes = summary.filter((l) => l.startsWith('[*]'));
  return { tool: 'ruff', findings, relevant, position: first, notes };
};

function readConcise(line: string): Finding | undefined {
  const m = CONCISE.exec(line);
  if (!m) return undefined;
  const [, file = '', row = '', col = '', code = '', message = ''] = m;
  return make(`${file}:${row}:${col}`, code, message);
}

function readFull(line: string, next: string | undefined): Finding | undefined {
  const head = HEADLINE.exec(line);
  const arrow = next === undefined ? null : ARROW.exec(next);
  if (!head || !arrow) return undefined;
  return make(`${arrow[1] ?? ''}:${arrow[2] ?? ''}:${arrow[3] ?? ''}`, head[1] ?? '', head[2] ?? '');
}

function make(location: string, code: string, message: string): Finding {
  return { kind: 'lint', subject: location, location, code, message: oneLine(message) };
}
