/**
 * Every key and token the step can see is masked before anything is logged (SPEC §12): the runner then
 * replaces it with `***` in the job log, and the redactor does the same for text written elsewhere
 * (summary, comment, error messages).
 */
import { createRedactor, type Redactor } from '../util/redact.js';
import { inputVariable } from './inputs.js';

/** Inputs that carry credentials. */
const SECRET_INPUTS = ['anthropic-api-key', 'openai-api-key', 'github-token'];

/** Variables that carry credentials whatever their value looks like. */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD/i;

/** The credential values in an environment: secret inputs and any variable named like a credential. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const fromInputs = SECRET_INPUTS.map((name) => env[inputVariable(name)]);
  const fromNames = Object.entries(env)
    // Inputs are covered by name above (`state-key` is no secret); `STATE_*` is the step's own saved state.
    .filter(([name]) => SECRET_NAME.test(name) && !name.startsWith('INPUT_') && !name.startsWith('STATE_'))
    .map(([, value]) => value);
  return unique([...fromInputs, ...fromNames]);
}

/** Registers every value with the runner's log masking. Call first thing, before any output. */
export function maskSecrets(
  values: ReadonlyArray<string | undefined>,
  setSecret: (value: string) => void,
): void {
  for (const value of unique(values)) setSecret(value);
}

/** A redactor for text the runner does not mask (files, API request bodies). */
export function secretRedactor(values: ReadonlyArray<string | undefined>): Redactor {
  return createRedactor(values);
}

/** Distinct, trimmed, non-trivial values: masking "true" or "1" would garble every log line. */
function unique(values: ReadonlyArray<string | undefined>): string[] {
  const kept = values.map((v) => v?.trim()).filter((v): v is string => v !== undefined && v.length >= 6);
  return [...new Set(kept)];
}
