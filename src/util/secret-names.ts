/**
 * Which environment variable names hold credentials. One definition for both uses: hooks never get
 * these variables (see docs/hooks.md), and their values are masked in everything TaskMaster shows,
 * writes or sends (see docs/security.md).
 */

/** Endings of a credential's name, once `-` is read as `_` (Action inputs spell words with `-`). */
const CREDENTIAL_ENDINGS = [
  '_API_KEY',
  '_APIKEY',
  '_TOKEN',
  '_SECRET',
  '_PAT',
  '_PRIVATE_KEY',
  '_ACCESS_KEY',
];

/** Names that are a credential on their own. */
const CREDENTIAL_NAMES = new Set(['TOKEN', 'SECRET', 'API_KEY', 'APIKEY', 'PAT']);

/** Words that make any name a credential wherever they stand (`DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`). */
const CREDENTIAL_WORDS = /PASSWORD|PASSWD|PASSPHRASE|(^|_)SECRET(_|$)|(^|_)CREDENTIALS?(_|$)/;

/** The one input with KEY in its name that names something, not a credential: the cache key prefix. */
const NOT_A_CREDENTIAL_INPUT = 'STATE_KEY';

/**
 * True for `ANTHROPIC_API_KEY`, `GITHUB_TOKEN`, `GH_TOKEN`, `GITHUB_PAT`, `MY_SERVICE_PASSWORD`,
 * `AWS_SECRET_ACCESS_KEY`, `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, and any Action
 * input with TOKEN or KEY in its name (`INPUT_GITHUB-TOKEN`, `INPUT_DEPLOY-KEY`) but `state-key`;
 * false for `PATH`, `KEYBOARD_LAYOUT` or `ACTIONS_RESULTS_URL`.
 */
export function isCredentialName(name: string): boolean {
  const upper = name.toUpperCase().replaceAll('-', '_');
  if (upper.startsWith('INPUT_')) {
    const input = upper.slice('INPUT_'.length);
    if (input !== NOT_A_CREDENTIAL_INPUT && (input.includes('TOKEN') || input.includes('KEY'))) return true;
  }
  if (CREDENTIAL_NAMES.has(upper)) return true;
  if (CREDENTIAL_ENDINGS.some((ending) => upper.endsWith(ending))) return true;
  return CREDENTIAL_WORDS.test(upper);
}
