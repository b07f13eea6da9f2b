import type { ResolveContext } from './context.js';
import { checkProviderName } from './references.js';
import type { RawFile } from './schema.js';

const EXAMPLE = 'provider_configs:\n      claude: { type: claude, api_key: ${ANTHROPIC_API_KEY} }';

/**
 * `default_provider`, or the only provider when exactly one is configured. Undefined (and reported)
 * when it cannot be decided.
 */
export function resolveDefaultProvider(merged: RawFile, ctx: ResolveContext): string | undefined {
  const names = Object.keys(merged.provider_configs ?? {});
  if (merged.default_provider !== undefined) {
    const known = checkProviderName(ctx, ['default_provider'], merged.default_provider, names);
    return known ? merged.default_provider : undefined;
  }
  if (names.length === 1) return names[0];
  if (names.length === 0) {
    const where = ctx.sources.config ?? ctx.sources.task;
    ctx.sources.reportIn(
      where,
      ['provider_configs'],
      'no provider configured',
      `add one, e.g.\n    ${EXAMPLE}`,
    );
  } else {
    const fix = `add default_provider: ${names[0]} (one of: ${names.join(', ')})`;
    ctx.sources.report(
      ['provider_configs'],
      'several providers are configured but no default_provider',
      fix,
      'key',
    );
  }
  return undefined;
}
