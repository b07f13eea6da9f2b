/**
 * What the main step leaves for the post step (`core.saveState` → `STATE_<name>` in the post step's
 * environment). One bundle serves both: the `is-post` flag tells them apart (actions/checkout does this).
 */
import * as core from '@actions/core';

/** Everything the post step may need to finish what main could not. */
export interface StepState {
  /** Set by main as it starts: the next run of the bundle is the post step. */
  isPost: boolean;
  /** Absolute state directory. */
  stateDir?: string;
  /** Workspace the cache paths are relative to. */
  workspace?: string;
  /** State key prefix. */
  stateKey?: string;
  /** Main attempted the cache save (whatever its result): the post step need not. */
  cacheSaved: boolean;
  /** Main attempted the artifact upload. */
  artifactDone: boolean;
  /** Main wrote the final PR comment. */
  commentDone: boolean;
  /** The pull request the run reports to. */
  prNumber?: number;
}

type Key = Exclude<keyof StepState, 'isPost' | 'cacheSaved' | 'artifactDone' | 'commentDone'>;
type Flag = 'isPost' | 'cacheSaved' | 'artifactDone' | 'commentDone';

/** Saves one value for the post step. */
export function remember<K extends Key>(key: K, value: NonNullable<StepState[K]>): void {
  core.saveState(key, typeof value === 'string' ? value : JSON.stringify(value));
}

/** Marks one step of the wrap-up as done. */
export function markDone(flag: Flag): void {
  core.saveState(flag, 'true');
}

/** Reads what main left (in the post step), or the empty state (in main). */
export function recall(): StepState {
  const text = (key: string): string | undefined => core.getState(key) || undefined;
  const flag = (key: Flag): boolean => core.getState(key) === 'true';
  const pr = Number(text('prNumber'));
  return {
    isPost: flag('isPost'),
    ...optional('stateDir', text('stateDir')),
    ...optional('workspace', text('workspace')),
    ...optional('stateKey', text('stateKey')),
    cacheSaved: flag('cacheSaved'),
    artifactDone: flag('artifactDone'),
    commentDone: flag('commentDone'),
    ...(Number.isSafeInteger(pr) && pr > 0 ? { prNumber: pr } : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}
