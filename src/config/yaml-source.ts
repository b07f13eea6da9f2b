import { dirname } from 'node:path';
import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml';
import type { ConfigProblem } from '../errors.js';
import { formatPath, type KeyPath } from './key-path.js';

/** One parsed YAML file, kept with its positions so every problem can name a line and column. */
export interface YamlSource {
  /** Absolute path. */
  file: string;
  /** Path shown in messages (relative to the working directory). */
  display: string;
  /** Directory that relative paths named in this file are resolved against. */
  dir: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The file as plain data, before `${VAR}` interpolation (used to describe values without secrets). */
  raw: unknown;
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Where a problem points: at a key itself (unknown keys) or at its value (wrong values). */
export type Target = 'key' | 'value';

const SYNTAX_FIXES: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  DUPLICATE_KEY: 'remove or rename one of the two keys with this name',
  MISSING_CHAR: 'close the quote or bracket that was opened',
};

const FLOW_VARIABLE_FIX = "quote values that use ${VAR} inside { } or [ ], e.g. { timeout: '${TIMEOUT}' }";

function syntaxFix(code: string, lineText: string): string {
  // `{ a: ${X} }`: in flow collections `{` starts a mapping, so an unquoted variable breaks the line.
  if (/[[{].*\$\{/.test(lineText)) return FLOW_VARIABLE_FIX;
  return SYNTAX_FIXES[code] ?? 'fix the YAML syntax (indentation, quotes, brackets, colons)';
}

/** Parses YAML text; syntax errors come back as problems with their line and column. */
export function parseYamlSource(
  text: string,
  file: string,
  display: string,
): { source: YamlSource; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    // The parser's recovery often adds follow-on errors on the same line: the first one is the cause.
    if (problems.some((p) => p.line === line)) continue;
    const fix = syntaxFix(error.code, text.split('\n')[line - 1] ?? '');
    problems.push({ file: display, line, column: col, message: `YAML syntax error: ${error.message}`, fix });
  }
  const raw = problems.length === 0 ? toPlainData(doc, display, problems) : undefined;
  return { source: { file, display, dir: dirname(file), doc, lines, raw }, problems };
}

/** The document as plain data; too many aliases (a "billion laughs" file) become a problem. */
function toPlainData(doc: Document.Parsed, display: string, problems: ConfigProblem[]): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    problems.push(yamlDataProblem(display, error));
    return undefined;
  }
}

/**
 * Why `doc.toJS()` failed, for any YAML file TaskMaster reads (configuration, task file, script). The
 * parser refuses a file whose aliases would expand into more values than any real file needs.
 */
export function yamlDataProblem(file: string, error: unknown): ConfigProblem {
  const reason = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(reason)) {
    return {
      file,
      message:
        'YAML error: too many aliases (*name): expanded, they would make the file huge (an "alias bomb")',
      fix: 'use fewer aliases (*name) or write the values out',
    };
  }
  return { file, message: `YAML error: ${reason}`, fix: 'fix the YAML so that it reads as plain data' };
}

/** The line and column of `path` in the file: its deepest part that exists. */
export function locate(source: YamlSource, path: KeyPath, target: Target = 'value'): Position {
  let node: unknown = source.doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    const step = child(source.doc, node, segment);
    if (step === undefined) break;
    [node, keyNode] = [step.value, step.key];
  }
  const at = target === 'key' && keyNode !== undefined ? keyNode : (node ?? keyNode);
  return positionOf(source, at);
}

/** A problem at `path` in this file. */
export function problemAt(
  source: YamlSource,
  path: KeyPath,
  message: string,
  fix: string | undefined,
  target: Target = 'value',
): ConfigProblem {
  const { line, column } = locate(source, path, target);
  const problem: ConfigProblem = { file: source.display, line, column, message };
  if (path.length > 0) problem.path = formatPath(path);
  if (fix !== undefined) problem.fix = fix;
  return problem;
}

function child(
  doc: Document.Parsed,
  parent: unknown,
  segment: string | number,
): { key: unknown; value: unknown } | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (isMap(node)) {
    const pair = node.items.find(
      (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
    );
    return pair === undefined ? undefined : { key: pair.key, value: pair.value ?? undefined };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item: unknown = node.items[segment];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return undefined;
}

function positionOf(source: YamlSource, node: unknown): Position {
  const range = isNode(node) ? node.range : undefined;
  if (range === undefined || range === null) return { line: 1, column: 1 };
  const { line, col } = source.lines.linePos(range[0]);
  return { line, column: col };
}
