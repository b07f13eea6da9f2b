import { relative } from 'node:path';
import { valueAt, type KeyPath } from './key-path.js';
import type { ProblemCollector } from './problems.js';
import { problemAt, type Target, type YamlSource } from './yaml-source.js';

/**
 * The files behind the merged configuration. After merging, a value at a path came from the task file
 * when the task file has that path (it wins), else from `.taskmaster.yml`; problems and relative paths
 * are reported and resolved against that file.
 */
export class Sources {
  constructor(
    readonly task: YamlSource,
    readonly config: YamlSource | undefined,
    readonly problems: ProblemCollector,
  ) {}

  /** The file the merged value at `path` came from. */
  sourceFor(path: KeyPath): YamlSource {
    if (this.config === undefined || valueAt(this.task.raw, path) !== undefined) return this.task;
    return valueAt(this.config.raw, path) !== undefined ? this.config : this.task;
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

/** How a file is named in messages: relative to the working directory. */
export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? '.' : rel.split('\\').join('/');
}
