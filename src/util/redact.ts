/**
 * Masking secret values in text before it is shown, written or sent (see docs/security.md). One
 * redactor per run, built from the configured keys and the environment (`runRedactor`), is handed to
 * every writer: the console, the logs, the state file, the model request, and the Action's outputs.
 */

/** Values shorter than this are never treated as secrets: masking "1" or "true" would mangle every log. */
export const MIN_SECRET_LENGTH = 6;

/** What a secret is replaced with. */
export const MASK = '***';

/** Replaces every occurrence of the secret values with `***`. */
export interface Redactor {
  (text: string): string;
  /** The values it masks, longest first (a stream holds back a tail that may begin one). */
  readonly secrets: readonly string[];
}

export function createRedactor(values: ReadonlyArray<string | undefined>): Redactor {
  const secrets = secretForms(values);
  const redact = (text: string): string =>
    secrets.reduce((acc, secret) => (acc.includes(secret) ? acc.split(secret).join(MASK) : acc), text);
  return Object.assign(redact, { secrets });
}

/** A redactor that masks nothing, for writers used where no secret is known. */
export const NO_SECRETS: Redactor = createRedactor([]);

/**
 * Trimmed, long enough, distinct, longest first (so that a key containing another is masked whole),
 * and each also as it appears inside a JSON string: `state.json` is redacted as serialized text.
 */
function secretForms(values: ReadonlyArray<string | undefined>): string[] {
  const kept = values.map((v) => v?.trim()).filter((v): v is string => !!v && v.length >= MIN_SECRET_LENGTH);
  const forms = kept.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * Masks text that arrives in pieces (a hook's output), where a secret may be cut between two chunks:
 * the tail of a chunk that could be the start of a secret is held back until the next chunk shows
 * whether it is one. At most the longest secret's length less one character is ever held, and
 * usually nothing; `flush` hands it out when the stream ends.
 */
export class StreamRedactor {
  private held = '';

  constructor(private readonly redact: Redactor) {}

  /** The part of what arrived so far that is safe to write now, masked. */
  write(chunk: string): string {
    const text = this.redact(this.held + chunk);
    const keep = possibleSecretStart(text, this.redact.secrets);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** Whatever is still held back; call when the stream ends or something else is written after it. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}

/** Length of the longest end of `text` that is the beginning (not the whole) of a secret. */
function possibleSecretStart(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, text.length); n > longest; n -= 1) {
      if (text.endsWith(secret.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}
