/**
 * Every key and token the step can see is registered before anything is logged (see docs/security.md):
 * with the runner (`core.setSecret`, which masks the job log it shows) and with the step's redactor,
 * which masks what TaskMaster prints, writes and sends itself — the step's output, the job summary, the
 * PR comment, `state.json` (and so the cache entry and the artifact), the logs and the model requests.
 * One step is one process, so the secrets it registered are kept for the life of the process.
 */
import * as core from '@actions/core';
import { createRedactor, NO_SECRETS, type Redactor } from '../util/redact.js';

let registered: readonly string[] = [];
let current: Redactor = NO_SECRETS;

/**
 * Registers `values` (short or empty ones are no secrets and are skipped) and returns the redactor of
 * every secret registered so far. Call it before anything could print them.
 */
export function registerSecrets(values: ReadonlyArray<string | undefined>): Redactor {
  const fresh = createRedactor(values).secrets.filter((value) => !registered.includes(value));
  for (const value of fresh) core.setSecret(value);
  if (fresh.length === 0) return current;
  registered = [...registered, ...fresh];
  current = createRedactor(registered);
  return current;
}

/** Masks every secret registered so far in this step; for the writers of the step's own output. */
export function redactStep(text: string): string {
  return current(text);
}
