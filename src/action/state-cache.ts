/**
 * Carries `state.json` from one job to the next with `@actions/cache`. Caching is a
 * convenience of the runner, not something a run may fail on: a miss, a refused save or a runner without
 * a cache service are reported and the run goes on.
 */
import * as cache from '@actions/cache';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE } from '../state/state-paths.js';
import type { ActionLog } from './action-log.js';

/** The three calls of `@actions/cache` used here; the real module in production and in tests. */
export interface CacheClient {
  /** Whether the runner has a cache service at all. */
  isFeatureAvailable(): boolean;
  /** The key restored (exact key first, then the newest entry matching a restore key), or undefined. */
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  /** The entry id, or -1 when the service refused the save (an existing key, a read-only token). */
  saveCache(paths: string[], key: string): Promise<number>;
}

export const actionsCache: CacheClient = {
  isFeatureAvailable: () => cache.isFeatureAvailable(),
  restoreCache: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
  saveCache: (paths, key) => cache.saveCache(paths, key),
};

/** Where the state lives and how the cache names it. */
export interface StateCacheTarget {
  /** The `paths` array, identical on every call: the cache hashes it into the entry's version. */
  paths: string[];
  /** Absolute path of `state.json`. */
  stateFile: string;
}

/**
 * Only `state.json`: the lock belongs to the job that took it, the logs go to the artifact, and the
 * backup is the state one save ago. Relative to the workspace so that any runner can restore it.
 */
export function stateCacheTarget(workspace: string, stateDir: string): StateCacheTarget {
  const stateFile = path.join(stateDir, STATE_FILE);
  const rel = path.relative(workspace, stateFile);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return { paths: [inside ? rel.split(path.sep).join('/') : stateFile], stateFile };
}

/**
 * Restores the newest entry under `prefix`; returns its key, or undefined when nothing was restored.
 * A miss is a warning only where state was expected (a re-dispatch with a decision).
 */
export async function restoreRunState(
  client: CacheClient,
  target: StateCacheTarget,
  prefix: string,
  log: ActionLog,
  missIsWarning = false,
): Promise<string | undefined> {
  if (!client.isFeatureAvailable()) {
    log.warning(`${NO_SERVICE} The run starts from the state in the workspace, if any.`);
    return undefined;
  }
  const key = await client.restoreCache(target.paths, prefix, [prefix]).catch((error: unknown) => {
    log.warning(`Could not restore the run state (key prefix ${prefix}): ${message(error)}`);
    return undefined;
  });
  if (key) log.info(`Restored the run state from cache entry ${key}`);
  else {
    const text = `No saved run state under the key prefix ${prefix}: starting a new run.`;
    if (missIsWarning) log.warning(text);
    else log.info(text);
  }
  return key;
}

/** Saves `state.json` under `key`; true when an entry was written. */
export async function saveRunState(
  client: CacheClient,
  target: StateCacheTarget,
  key: string,
  log: ActionLog,
): Promise<boolean> {
  if (!existsSync(target.stateFile)) {
    log.info('No run state to save.');
    return false;
  }
  if (!client.isFeatureAvailable()) {
    log.warning(`${NO_SERVICE} The next job cannot resume this run.`);
    return false;
  }
  const id = await client.saveCache(target.paths, key).catch((error: unknown) => {
    log.warning(`Could not save the run state as ${key}: ${message(error)}`);
    return -1;
  });
  if (id === -1) {
    log.warning(`The run state was not saved to the cache (key ${key}); the next job may redo work.`);
    return false;
  }
  log.info(`Saved the run state as cache entry ${key}`);
  return true;
}

const NO_SERVICE =
  'The Actions cache service is not available on this runner, so the run state is not cached.';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
