/**
 * The environment a hook runs with. Hooks run code from the repository (tests, build scripts), which
 * the agent may just have written, so nothing that grants access to a model API, to GitHub or to the
 * Actions runtime is passed on.
 */
import { isCredentialName } from '../util/secret-names.js';

/**
 * The Actions runtime endpoints, removed by name: with them and the runtime token a script could write
 * caches and artifacts or mint OIDC tokens. The credentials themselves go by `isCredentialName`.
 */
const RUNTIME_ENDPOINTS: ReadonlySet<string> = new Set([
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_URL',
]);

/** True for a variable a hook must not see because of its name. */
export function isSecretName(name: string): boolean {
  return isCredentialName(name) || RUNTIME_ENDPOINTS.has(name.toUpperCase());
}

/**
 * `base` (the runner's environment) without provider API keys, GitHub tokens, Actions runtime
 * secrets and any variable whose value is one of `secrets`, then `extra` (the hook's own `env`,
 * which wins: the user wrote it) on top. Unset (`undefined`) variables are dropped.
 */
export function hookEnvironment(
  base: Record<string, string | undefined>,
  extra: Record<string, string>,
  secrets: readonly string[],
): Record<string, string> {
  // An empty "secret" would match every empty variable; only real values count.
  const secretValues = new Set(secrets.filter((s) => s !== ''));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || isSecretName(name) || secretValues.has(value)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
