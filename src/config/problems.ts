import { ConfigError, type ConfigProblem } from '../errors.js';
import { isPrefix, type KeyPath } from './key-path.js';

interface Entry {
  problem: ConfigProblem;
  keyPath: KeyPath | undefined;
}

/**
 * Gathers every problem of a load, so the user sees them all at once. A problem under a key that
 * already has one is dropped: a wrong container makes its children's problems noise.
 */
export class ProblemCollector {
  private readonly entries: Entry[] = [];

  add(problem: ConfigProblem, keyPath?: KeyPath): void {
    if (keyPath !== undefined && this.isShadowed(problem.file, keyPath)) return;
    this.entries.push({ problem, keyPath });
  }

  get size(): number {
    return this.entries.length;
  }

  /** Problems ordered by file (first seen first), then line and column. */
  get problems(): ConfigProblem[] {
    const files = [...new Set(this.entries.map((e) => e.problem.file))];
    const rank = (p: ConfigProblem): number[] => [files.indexOf(p.file), p.line ?? 0, p.column ?? 0];
    return this.entries.map((e) => e.problem).sort((a, b) => compareRanks(rank(a), rank(b)));
  }

  throwIfAny(): void {
    if (this.entries.length > 0) throw this.toError();
  }

  toError(): ConfigError {
    return new ConfigError(this.problems);
  }

  private isShadowed(file: string, keyPath: KeyPath): boolean {
    return this.entries.some(
      (e) => e.problem.file === file && e.keyPath !== undefined && isPrefix(e.keyPath, keyPath),
    );
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
