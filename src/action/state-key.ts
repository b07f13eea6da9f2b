/**
 * Cache keys of the run state. Cache entries are immutable, so every save gets a fresh key under one
 * prefix, and a restore asks for the newest entry with that prefix.
 */
import { createHash } from 'node:crypto';

/** The cache service refuses longer keys. */
const MAX_KEY_LENGTH = 512;
/** Room kept for the `<run_id>-<attempt>-<n>` suffix. */
const SUFFIX_ROOM = 64;

/**
 * `taskmaster-<sha1(task file)[:8]>-<branch>-`: one run per task file and branch. The task file's path
 * (not its content) is hashed, so editing the tasks keeps the run.
 */
export function defaultStateKeyPrefix(taskFile: string, branch: string | undefined): string {
  const hash = createHash('sha1').update(taskFile).digest('hex').slice(0, 8);
  return clean(`taskmaster-${hash}-${branch ?? 'detached'}-`);
}

/** The `state-key` input as a prefix: ends with `-` so that its saves read `<key>-<run>-...`. */
export function stateKeyPrefix(
  input: string | undefined,
  taskFile: string,
  branch: string | undefined,
): string {
  if (input === undefined) return defaultStateKeyPrefix(taskFile, branch);
  return clean(input.endsWith('-') ? input : `${input}-`);
}

/** `<prefix><run_id>-<run_attempt>-<n>`: unique per save within a run attempt. */
export function saveKey(prefix: string, runId: string, runAttempt: string, n: number): string {
  return `${prefix}${runId}-${runAttempt}-${n}`;
}

/** Commas separate keys in the service's API; whitespace and over-long keys are refused. */
function clean(prefix: string): string {
  return prefix.replace(/[,\s]/g, '_').slice(0, MAX_KEY_LENGTH - SUFFIX_ROOM);
}
