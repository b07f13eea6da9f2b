import { resolve } from 'node:path';
import type { ProviderConfig, ProviderType } from './types.js';
import { DEFAULTS } from './types.js';
import type { ResolveContext } from './context.js';
import { isFile } from './file-exists.js';
import { soleVariable, type Env } from './interpolate.js';
import { compact, type KeyPath } from './key-path.js';
import type { RawProvider } from './schema.js';
import { displayPath } from './sources.js';

export const DEFAULT_MODELS: Record<ProviderType, string> = {
  claude: 'claude-sonnet-5-5',
  openai: 'gpt-4.1',
  scripted: 'scripted',
};

/** The variable each SDK reads its key from, used when `api_key` is not set. */
export const KEY_VARIABLES: Partial<Record<ProviderType, string>> = {
  claude: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
};

/** Every entry of `provider_configs` with defaults applied; broken entries are reported and left out. */
export async function resolveProviders(
  raw: Record<string, RawProvider> | undefined,
  ctx: ResolveContext,
): Promise<Record<string, ProviderConfig>> {
  const providers: Record<string, ProviderConfig> = {};
  for (const [name, entry] of Object.entries(raw ?? {})) {
    const provider = await resolveProvider(name, entry, ctx);
    if (provider !== undefined) providers[name] = provider;
  }
  return providers;
}

async function resolveProvider(
  name: string,
  raw: RawProvider,
  ctx: ResolveContext,
): Promise<ProviderConfig | undefined> {
  const base = ['provider_configs', name];
  const type = providerType(name, raw, base, ctx);
  if (type === undefined) return undefined;
  const provider: ProviderConfig = {
    name,
    type,
    model: raw.model ?? DEFAULT_MODELS[type],
    max_tokens: raw.max_tokens ?? DEFAULTS.provider_max_tokens,
    rate_limits: compact({ ...raw.rate_limits }),
  };
  if (raw.base_url !== undefined) provider.base_url = raw.base_url;
  if (raw.idle_timeout !== undefined) provider.idle_timeout = raw.idle_timeout;
  if (raw.pricing !== undefined) provider.pricing = compact(raw.pricing);
  applyApiKey(provider, raw, base, ctx);
  await applyScript(provider, raw, base, ctx);
  return provider;
}

const TYPES = new Map<string, ProviderType>([
  ['claude', 'claude'],
  ['anthropic', 'claude'],
  ['openai', 'openai'],
  ['scripted', 'scripted'],
]);

/** `type`, or the entry's name when that is a type (`claude:` needs no `type: claude`). */
function providerType(
  name: string,
  raw: RawProvider,
  base: KeyPath,
  ctx: ResolveContext,
): ProviderType | undefined {
  const type = TYPES.get(raw.type ?? name);
  if (type === undefined) {
    const fix = 'add type: claude, openai or scripted';
    ctx.sources.report([...base, 'type'], `provider "${name}" has no type`, fix, 'key');
  }
  return type;
}

function applyApiKey(provider: ProviderConfig, raw: RawProvider, base: KeyPath, ctx: ResolveContext): void {
  const keyPath = [...base, 'api_key'];
  const written = ctx.sources.rawAt(keyPath);
  const { key, variable } = findApiKey(provider.type, written, raw.api_key, ctx.env);
  if (variable !== undefined) provider.api_key_env = variable;
  if (key !== undefined && key !== '') provider.api_key = key;
  else if (ctx.requireSecrets && needsKey(provider)) {
    const fallback = KEY_VARIABLES[provider.type] ?? 'API_KEY';
    const fix = `set ${variable ?? fallback} in the environment, or add api_key: \${${fallback}} to provider_configs.${provider.name}`;
    const where = typeof written === 'string' ? keyPath : base;
    ctx.sources.report(
      where,
      `no API key for provider "${provider.name}" (type ${provider.type})`,
      fix,
      'key',
    );
  }
}

/**
 * The key and the variable it comes from: the written `api_key` (its value is undefined when its
 * variable was unset and that was tolerated), else the variable the vendor's SDK reads.
 */
function findApiKey(
  type: ProviderType,
  written: unknown,
  interpolated: string | undefined,
  env: Env,
): { key: string | undefined; variable: string | undefined } {
  if (typeof written === 'string') return { key: interpolated, variable: soleVariable(written) };
  const variable = KEY_VARIABLES[type];
  return { key: variable === undefined ? undefined : env[variable], variable };
}

/** Real APIs need a key; a scripted provider and a local OpenAI-compatible server (`base_url`) do not. */
function needsKey(provider: ProviderConfig): boolean {
  if (provider.type === 'scripted') return false;
  return !(provider.type === 'openai' && provider.base_url !== undefined);
}

async function applyScript(provider: ProviderConfig, raw: RawProvider, base: KeyPath, ctx: ResolveContext) {
  const scriptPath = [...base, 'script'];
  if (provider.type !== 'scripted') {
    if (raw.script !== undefined) {
      const fix = `remove script, or set type: scripted to replay it`;
      ctx.sources.report(
        scriptPath,
        `script is only used by scripted providers, not ${provider.type}`,
        fix,
        'key',
      );
    }
    return;
  }
  if (raw.script === undefined) {
    const fix = 'add script: path/to/script.yml (relative to this file)';
    ctx.sources.report(scriptPath, `scripted provider "${provider.name}" has no script`, fix, 'key');
    return;
  }
  const file = resolve(ctx.sources.dirOf(scriptPath), raw.script);
  provider.script = file;
  if (!(await isFile(file))) {
    const fix = `create ${displayPath(ctx.cwd, file)} or correct the path (it is relative to the file that names it)`;
    ctx.sources.report(scriptPath, `script file not found: ${displayPath(ctx.cwd, file)}`, fix);
  }
}
