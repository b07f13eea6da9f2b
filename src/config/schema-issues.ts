/** Turns zod issues into problems a user can act on: what was found, what was expected, the fix. */
import * as z from 'zod';
import type { ConfigProblem } from '../errors.js';
import { describeExpected, describeValue } from './describe-value.js';
import { didYouMean, suggestion } from './did-you-mean.js';
import { formatPath, valueAt, type KeyPath } from './key-path.js';
import { knownKeysAt, schemaAt } from './schema-keys.js';
import { problemAt, type YamlSource } from './yaml-source.js';

export type Issue = z.core.$ZodIssue;

/** The issue's path as map keys and list indexes. */
export function issuePath(issue: Issue): KeyPath {
  return issue.path.filter((s): s is string | number => typeof s !== 'symbol');
}

/** One or more problems (one per unknown key) for a zod issue in `source`. */
export function issueProblems(issue: Issue, source: YamlSource): { problem: ConfigProblem; path: KeyPath }[] {
  const path = issuePath(issue);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return { problem: unknownKey(source, keyPath, knownKeysAt(path)), path: keyPath };
    });
  }
  const found = valueAt(source.raw, path);
  if (found === undefined && issue.code === 'invalid_type') {
    const parent = path.slice(0, -1);
    const key = String(path.at(-1));
    const fix = `add ${key}: (${describeExpected(issue.expected)}) under ${formatPath(parent) || 'the top level'}`;
    return [{ problem: problemAt(source, parent, `missing required key "${key}"`, fix, 'key'), path }];
  }
  const { message, fix } = explain(issue, found, path);
  return [{ problem: problemAt(source, path, message, fix), path }];
}

function unknownKey(source: YamlSource, path: KeyPath, known: string[]): ConfigProblem {
  const key = String(path.at(-1));
  const fix =
    didYouMean(key, known) ??
    (known.length > 0 ? `remove it; the keys allowed here are: ${known.join(', ')}` : 'remove it');
  return problemAt(source, path, `unknown key "${key}"`, fix, 'key');
}

function explain(issue: Issue, found: unknown, path: KeyPath): { message: string; fix: string } {
  const key = lastKey(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = describeExpected(wholeNumberAt(path) ? 'int' : issue.expected);
      return {
        message: `expected ${expected}, found ${describeValue(found)}`,
        fix: typeFix(key, expected, found, path),
      };
    }
    case 'too_small':
      return tooSmall(issue, found, key);
    case 'invalid_value': {
      const values = issue.values.map(String);
      const message = `expected one of ${values.join(', ')}, found ${describeValue(found)}`;
      return { message, fix: suggestion(String(found), values, `use one of: ${values.join(', ')}`) };
    }
    default:
      return {
        message: `${issue.message}, found ${describeValue(found)}`,
        fix: `correct the value of ${key}`,
      };
  }
}

function tooSmall(issue: Issue & { code: 'too_small' }, found: unknown, key: string) {
  if (issue.origin === 'string') {
    return {
      message: 'expected a non-empty value, found an empty string',
      fix: `give ${key} a value or remove it`,
    };
  }
  if (issue.origin === 'array') {
    return {
      message: 'expected at least one item, found an empty list',
      fix: `add an item to ${key} or remove it`,
    };
  }
  const bound = issue.inclusive ? `${issue.minimum} or more` : `greater than ${issue.minimum}`;
  return {
    message: `expected a number ${bound}, found ${describeValue(found)}`,
    fix: `set ${key} to a number ${bound}`,
  };
}

function typeFix(key: string, expected: string, found: unknown, path: KeyPath): string {
  if (path.length === 0)
    return 'write the file as key: value pairs, with the tasks under a top-level tasks: key';
  if (found === null) return `give ${key} a value (${expected}) or remove the key`;
  if (typeof found === 'number' && expected === 'a string') return `quote it: ${key}: "${found}"`;
  if (typeof found !== 'string') return `set ${key} to ${expected}`;
  if (path.length === 2 && path[0] === 'hooks')
    return `write the hook as a mapping: ${key}: { command: ${found} }`;
  if (expected.endsWith('number') && found.trim() !== '' && !isNaN(Number(found))) {
    return `remove the quotes: ${key}: ${found.trim()}`;
  }
  if (expected === 'true or false') return `write ${key}: true or ${key}: false`;
  if (expected === 'a list') return `write it as a list: ${key}: [${found}]`;
  return `set ${key} to ${expected}`;
}

/** True when the schema wants an integer at `path` (zod reports a string there as "expected number"). */
function wholeNumberAt(path: KeyPath): boolean {
  const schema = schemaAt(path);
  return schema instanceof z.ZodNumber && schema.isInt;
}

/** The key a fix talks about: `timeout`, or `tasks[2]` for a list item. */
function lastKey(path: KeyPath): string {
  const named = path.findLastIndex((s) => typeof s === 'string');
  if (named === -1) return 'this value';
  return formatPath(path.slice(named));
}
