/**
 * The secret values of a run, and the one redactor built from them (see docs/security.md): the
 * configured API keys, the credential-named variables of the environment and of the hooks' own `env`.
 */
import type { HookConfig, ProviderConfig } from '../config/types.js';
import { createRedactor, type Redactor } from './redact.js';
import { isCredentialName } from './secret-names.js';

/** What of the configuration can hold secrets. */
export interface SecretSources {
  providers: Record<string, Pick<ProviderConfig, 'api_key'>>;
  hooks: Record<string, Pick<HookConfig, 'env'>>;
}

/** The values of every variable whose name looks like a credential (`*_API_KEY`, `*_TOKEN`, ...). */
export function environmentSecrets(env: Record<string, string | undefined>): string[] {
  return Object.entries(env).flatMap(([name, value]) =>
    value !== undefined && isCredentialName(name) ? [value] : [],
  );
}

/** Every secret a run knows: API keys, credential variables of the environment and of hook `env`s. */
export function runSecrets(config: SecretSources, env: Record<string, string | undefined>): string[] {
  const keys = Object.values(config.providers).map((p) => p.api_key);
  const hookEnv = Object.values(config.hooks).flatMap((hook) => environmentSecrets(hook.env));
  return [...keys, ...hookEnv, ...environmentSecrets(env)].filter((v): v is string => v !== undefined);
}

/** The run's redactor: create it once where the run is put together and hand it to every writer. */
export function runRedactor(config: SecretSources, env: Record<string, string | undefined>): Redactor {
  return createRedactor(runSecrets(config, env));
}
