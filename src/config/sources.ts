import { relative } from 'node:path';
import { valueAt, type KeyPath } from './key-path.js';
import type { ProblemCollector } from './problems.js';
import { problemAt, type Target, type YamlSource } from './yaml-source.js';

/**
 * The files behind the merged configuration. Merging takes each entry (a hook, a provider, a budget
 * key, a template variable) whole from one file: the task file when it has the entry, else
 * `.taskmaster.yml`. Problems and relative paths are reported and resolved against that file — also for
 * a key that is missing, which is reported at the entry that lacks it.
 */
export class Sources {
  constructor(
    readonly task: YamlSource,
    readonly config: YamlSource | undefined,
    readonly problems: ProblemCollector,
  ) {}

  /** The file the merged value at `path` came from. */
  sourceFor(path: KeyPath): YamlSource {
    const { task, config } = this;
    if (config === undefined) return task;
    const entry = path.slice(0, entryDepth(path));
    if (valueAt(task.raw, entry) !== undefined) return task;
    if (valueAt(config.raw, entry) !== undefined) return config;
    return depthIn(config.raw, path) > depthIn(task.raw, path) ? config : task;
  }

  /** The value at `path` as written in its file, before `${VAR}` interpolation. */
  rawAt(path: KeyPath): unknown {
    return valueAt(this.sourceFor(path).raw, path);
  }

  /** Directory relative paths at `path` are resolved against. */
  dirOf(path: KeyPath): string {
    return this.sourceFor(path).dir;
  }

  /** Records a problem at `path`, in the file and at the line the value came from. */
  report(path: KeyPath, message: string, fix?: string, target?: Target): void {
    this.reportIn(this.sourceFor(path), path, message, fix, target);
  }

  /** Records a problem at `path` of one given file. */
  reportIn(source: YamlSource, path: KeyPath, message: string, fix?: string, target?: Target): void {
    // A whole-file problem (empty path) must not hide the file's other problems.
    this.problems.add(problemAt(source, path, message, fix, target), path.length > 0 ? path : undefined);
  }
}

/** How deep `mergeFiles` goes at `path`: the length of the prefix that is taken whole from one file. */
function entryDepth(path: KeyPath): number {
  return path[0] === 'prompt_templates' && path[1] === 'variables' ? 3 : 2;
}

/** How many leading parts of `path` exist in `raw`. */
function depthIn(raw: unknown, path: KeyPath): number {
  let depth = 0;
  while (depth < path.length && valueAt(raw, path.slice(0, depth + 1)) !== undefined) depth += 1;
  return depth;
}

/** How a file is named in messages: relative to the working directory. */
export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? '.' : rel.split('\\').join('/');
}
