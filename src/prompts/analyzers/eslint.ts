import type { Analyzer, Finding } from './types.js';
import { oneLine } from './text.js';

/**
 * eslint's default `stylish` format: a file path on its own line, then `  line:col  error  message
 * rule` rows, then `✖ N problems (X errors, Y warnings)`. Errors fail the hook; warnings only count
 * when there are no errors (`--max-warnings`).
 */
// A path on a line of its own, not indented (absolute paths arrive normalised to `./` or `<tmp>/`).
const FILE = /^[^\s:]+\.\w+$/;
const ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(\S+))?\s*$/;
const TOTAL = /^✖ \d+ problems? \(/;
const FIXABLE = /potentially fixable with the `--fix` option/;

export const analyzeEslint: Analyzer = (lines) => {
  const total = lines.findIndex((l) => TOTAL.test(l));
  if (total < 0) return undefined;
  const rows = readRows(lines);
  const errors = rows.filter((r) => r.severity === 'error');
  const chosen = errors.length > 0 ? errors : rows;
  if (chosen.length === 0) return undefined;
  const fixable = lines.find((l) => FIXABLE.test(l));
  return {
    tool: 'eslint',
    findings: chosen.map((r) => r.finding),
    relevant: [...chosen.map((r) => r.line), lines[total] ?? ''],
    position: Math.max(
      lines.findIndex((l) => FILE.test(l)),
      0,
    ),
    notes: fixable ? [fixable.trim()] : [],
  };
};

interface Row {
  severity: string;
  finding: Finding;
  line: string;
}

function readRows(lines: string[]): Row[] {
  let file = '';
  const rows: Row[] = [];
  for (const line of lines) {
    if (FILE.test(line)) file = line.trim();
    const m = ROW.exec(line);
    if (!m || !file) continue;
    const [, row = '', col = '', severity = '', message = '', rule] = m;
    const location = `${file}:${row}:${col}`;
    const finding: Finding = { kind: 'lint', subject: location, location, message: oneLine(message) };
    if (rule) finding.code = rule;
    rows.push({ severity, finding, line: `${location}  ${severity}  ${message}${rule ? `  ${rule}` : ''}` });
  }
  return rows;
}
