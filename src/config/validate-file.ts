import { isRecord, valueAt, type KeyPath } from './key-path.js';
import type { ProblemCollector } from './problems.js';
import { issuePath, issueProblems, type Issue } from './schema-issues.js';
import { expectsObjectAt } from './schema-keys.js';
import { fileSchema, type RawFile } from './schema.js';
import type { YamlSource } from './yaml-source.js';

/** Enough rounds for a value removed in one round to expose a missing required key in the next. */
const MAX_ROUNDS = 4;

/**
 * Checks one file against the schema and reports every issue. Returns the file with the bad values
 * taken out, so the checks that follow (hook names, ids, paths) still run on everything that is valid.
 */
export function validateFile(source: YamlSource, data: unknown, problems: ProblemCollector): RawFile {
  let current: unknown = structuredClone(data ?? {});
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = fileSchema.safeParse(current);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      for (const { problem, path } of issueProblems(issue, source)) problems.add(problem, path);
    }
    current = salvage(current, result.error.issues);
  }
  return {};
}

/**
 * Removes what each issue complains about. A bad mapping becomes `{}` (so a task keeps its index and a
 * hook keeps its name), a mapping missing a required key is dropped, a bad list item drops its whole
 * list, anything else is deleted.
 */
function salvage(data: unknown, issues: Issue[]): unknown {
  let root = data;
  for (const issue of issues) {
    const path = issuePath(issue);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) root = removeAt(root, [...path, key]);
      continue;
    }
    if (valueAt(root, path) === undefined) root = removeAt(root, path.slice(0, -1));
    else if (expectsObjectAt(path)) root = replaceAt(root, path, {});
    else root = removeAt(root, path);
  }
  return root;
}

function replaceAt(root: unknown, path: KeyPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = valueAt(root, path.slice(0, -1));
  const key = path.at(-1);
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isRecord(parent) && typeof key === 'string') parent[key] = value;
  return root;
}

function removeAt(root: unknown, path: KeyPath): unknown {
  if (path.length === 0) return {};
  const key = path.at(-1);
  // Deleting one item would shift the indexes that later problems point at.
  if (typeof key === 'number') return removeAt(root, path.slice(0, -1));
  const parent = valueAt(root, path.slice(0, -1));
  if (isRecord(parent) && key !== undefined) Reflect.deleteProperty(parent, key);
  return root;
}
