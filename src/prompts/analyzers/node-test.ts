import type { Analyzer, Finding, ToolReport } from './types.js';
import { oneLine } from './text.js';

/**
 * `node --test`: the spec reporter (the default, also when piped, since Node 23) ends with a
 * `✖ failing tests:` section of `test at file:l:c` / `✖ name` / indented error blocks; the TAP
 * reporter has `not ok N - name` followed by a YAML block with `error`, `name` and `location`.
 */
const SPEC_SECTION = /^✖ failing tests:\s*$/;
const SPEC_FAIL = /^✖ (.+?)\s*$/;
const SPEC_AT = /^test at (\S+)\s*$/;
const NOT_OK = /^(\s*)not ok \d+ - (.+?)(?:\s+#.*)?$/;

export const analyzeNodeTest: Analyzer = (lines) => {
  const section = lines.findIndex((l) => SPEC_SECTION.test(l));
  if (section >= 0) return specReport(lines, section);
  if (lines.some((l) => NOT_OK.test(l))) return tapReport(lines);
  return undefined;
};

function specReport(lines: string[], section: number): ToolReport {
  const findings: Finding[] = [];
  const relevant: string[] = [lines[section] ?? ''];
  for (let i = section + 1; i < lines.length; i++) {
    const name = SPEC_FAIL.exec(lines[i] ?? '')?.[1];
    if (!name) continue;
    const location = SPEC_AT.exec(lines[i - 1] ?? '')?.[1];
    const body = specBody(lines, i + 1);
    findings.push({
      kind: 'test',
      subject: name,
      ...(location ? { location } : {}),
      message: oneLine(joinMessage(body).replace(' [ERR_ASSERTION]', '')),
    });
    relevant.push(...(location ? [lines[i - 1] ?? ''] : []), lines[i] ?? '', ...body.slice(0, 6));
  }
  return { tool: 'node:test', findings, relevant, position: section, notes: [] };
}

/** The indented message lines under `✖ name`, up to the stack trace. */
function specBody(lines: string[], from: number): string[] {
  const body: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if ((line !== '' && !line.startsWith(' ')) || /^\s+at /.test(line)) break;
    if (line.trim() !== '') body.push(line);
  }
  return body;
}

/** `Expected values to be strictly equal:` says little without the `1 !== 2` that follows it. */
function joinMessage(body: string[]): string {
  const [first = 'failed', second] = body.map((l) => l.trim());
  return first.endsWith(':') && second ? `${first} ${second}` : first;
}

function tapReport(lines: string[]): ToolReport | undefined {
  const findings: Finding[] = [];
  const relevant: string[] = [];
  lines.forEach((line, i) => {
    const m = NOT_OK.exec(line);
    if (!m) return;
    const yaml = readYaml(lines, i + 1, (m[1] ?? '').length + 2);
    if (yaml.failureType === 'subtestsFailed') return;
    const type = yaml.name ?? 'Error';
    const error = yaml.error ?? 'failed';
    findings.push({
      kind: 'test',
      subject: m[2] ?? '',
      ...(yaml.location ? { location: yaml.location } : {}),
      message: oneLine(`${type}: ${error}`),
    });
    relevant.push(
      line.trim(),
      `  ${type}: ${oneLine(error)}`,
      ...(yaml.location ? [`  at ${yaml.location}`] : []),
    );
  });
  if (findings.length === 0) return undefined;
  const first = lines.findIndex((l) => /^TAP version/.test(l) || NOT_OK.test(l));
  return { tool: 'node:test', findings, relevant, position: Math.max(first, 0), notes: [] };
}

/** The few keys of a TAP YAML diagnostic block we need; block scalars (`|-`) are joined. */
function readYaml(lines: string[], from: number, indent: number): Record<string, string> {
  if (lines[from]?.trim() !== '---') return {};
  const out: Record<string, string> = {};
  const pad = ' '.repeat(indent);
  for (let i = from + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '...' || (line.trim() !== '' && !line.startsWith(pad))) break;
    const kv = /^(\w+): (.*)$/.exec(line.slice(indent));
    if (!kv?.[1]) continue;
    out[kv[1]] =
      kv[2] === '|-' || kv[2] === '|' ? blockScalar(lines, i + 1, indent + 2) : unquote(kv[2] ?? '');
  }
  return out;
}

function blockScalar(lines: string[], from: number, indent: number): string {
  const pad = ' '.repeat(indent);
  const parts: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() !== '' && !line.startsWith(pad)) break;
    if (line.trim() !== '') parts.push(line.trim());
  }
  return parts.join(' ');
}

function unquote(value: string): string {
  const m = /^'(.*)'$|^"(.*)"$/.exec(value);
  return m ? (m[1] ?? m[2] ?? '').replace(/''/g, "'") : value;
}
