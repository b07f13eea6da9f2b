import { resolve } from 'node:path';
import type { ProviderConfig, ProviderType } from './types.js';
import { DEFAULTS } from './types.js';
import type { ResolveContext } from './context.js';
import { isFile } from './file-exists.js';
import { soleVariable } from './interpolate.js';
import { compact, type KeyPath } from './key-path.js';
import type { RawProvider } from './schema.js';
import { displayPath } from './sources.js';

export const DEFAULT_MODELS: Record<ProviderType, string> = {
  claude: 'claude-sonnet-4-5',
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
  if (raw.pricing !== undefined) provider.pricing = compact(raw.pricing);
  applyApiKey(provider, raw, base, ctx);
  await applyScript(provider, raw, base, ctx);
  return provider;
}

/** `type`, or the entry's name when that is a type (`claude:` needs no `type: claude`). */
function providerType(
  name: string,
  raw: RawProvider,
  base: KeyPath,
  ctx: ResolveContext,
): ProviderType | undefined {
  const type = raw.type ?? (['claude', 'anthropic', 'openai', 'scripted'].includes(name) ? name : undefined);
  if (type === undefined) {
    const fix = 'add type: claude, openai or scripted';
    ctx.sources.report([...base, 'type'], `provider "${name}" has no type`, fix, 'key');
    return undefined;
  }
  return type === 'anthropic' ? 'claude' : (type as ProviderType);
}

function applyApiKey(provider: ProviderConfig, raw: RawProvider, base: KeyPath, ctx: ResolveContext): void {
  const keyPath = [...base, 'api_key'];
  const written = ctx.sources.rawAt(keyPath);
  const fallback = KEY_VARIABLES[provider.type];
  const variable = typeof written === 'string' ? soleVariable(written) : fallback;
  const key = typeof written === 'string' ? raw.api_key : variable && ctx.env[variable];
  if (variable !== undefined) provider.api_key_env = variable;
  if (key !== undefined && key !== '') {
    provider.api_key = key;
    return;
  }
  if (!ctx.requireSecrets || fallback === undefined || (provider.type === 'openai' && provider.base_url))
    return;
  const fix = `set ${variable ?? fallback} in the environment, or add api_key: \${${fallback}} to provider_configs.${provider.name}`;
  const where = typeof written === 'string' ? keyPath : base;
  ctx.sources.report(where, `no API key for provider "${provider.name}" (type ${provider.type})`, fix, 'key');
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
