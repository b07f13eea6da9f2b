/**
 * What model calls cost, for the dry-run estimate, the job summary and status views. Prices change; the
 * table is dated, a model it does not know has no price (never a guessed one), and `pricing:` in a
 * provider's configuration overrides it.
 */
import type { PricingConfig } from '../config/types.js';
import type { Usage } from '../providers/provider.js';

/** When the table below was compiled from the providers' published price lists. */
export const PRICES_AS_OF = '2026-11';

/** USD per million tokens. */
export interface ModelPrice {
  /** Uncached input tokens. */
  input: number;
  /** Output tokens (including any reasoning tokens). */
  output: number;
  /** Reading a cached prompt prefix. */
  cache_read: number;
  /** Writing a prompt prefix to the cache (Anthropic's 5-minute cache; OpenAI charges the input price). */
  cache_write: number;
}

function claude(input: number, output: number, cacheWrite: number, cacheRead: number): ModelPrice {
  return { input, output, cache_read: cacheRead, cache_write: cacheWrite };
}

function openai(input: number, cachedInput: number | undefined, output: number): ModelPrice {
  // OpenAI has no cache-write surcharge; models without caching bill cached reads as plain input.
  return { input, output, cache_read: cachedInput ?? input, cache_write: input };
}

const OPUS_45 = claude(5, 25, 6.25, 0.5);
const OPUS_4 = claude(15, 75, 18.75, 1.5);
const SONNET_4 = claude(3, 15, 3.75, 0.3);
const SONNET_5 = claude(2, 10, 2.5, 0.2);
const HAIKU_45 = claude(1, 5, 1.25, 0.1);
const GPT_5 = openai(1.25, 0.125, 10);
const GPT_5_MINI = openai(0.25, 0.025, 2);

/**
 * Model id prefixes and their prices, as of `PRICES_AS_OF`. Sonnet 4.x long-context rates (prompts over
 * 200k tokens) and batch discounts are not modelled: the numbers here are the standard per-call rates.
 */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  // Anthropic (platform.claude.com/docs/en/about-claude/pricing)
  'claude-opus-5': OPUS_45,
  'claude-opus-4-8': OPUS_45,
  'claude-opus-4-7': OPUS_45,
  'claude-opus-4-6': OPUS_45,
  'claude-opus-4-5': OPUS_45,
  'claude-opus-4-1': OPUS_4,
  'claude-opus-4-0': OPUS_4,
  'claude-opus-4': OPUS_4,
  'claude-3-opus': OPUS_4,
  'claude-sonnet-5-5': SONNET_5,
  'claude-sonnet-5': SONNET_5,
  'claude-sonnet-4-6': SONNET_4,
  'claude-sonnet-4-5': SONNET_4,
  'claude-sonnet-4-0': SONNET_4,
  'claude-sonnet-4': SONNET_4,
  'claude-3-7-sonnet': SONNET_4,
  'claude-3-5-sonnet': SONNET_4,
  'claude-haiku-4-5': HAIKU_45,
  'claude-3-5-haiku': claude(0.8, 4, 1, 0.08),
  'claude-3-haiku': claude(0.25, 1.25, 0.3, 0.03),
  // OpenAI (platform.openai.com/docs/pricing), input / cached input / output
  'gpt-5': GPT_5,
  'gpt-5-codex': GPT_5,
  'gpt-5-mini': GPT_5_MINI,
  'gpt-5-nano': openai(0.05, 0.005, 0.4),
  'gpt-5-pro': openai(15, undefined, 120),
  'gpt-5.1': GPT_5,
  'gpt-5.1-codex': GPT_5,
  'gpt-5.1-codex-max': GPT_5,
  'gpt-5.1-codex-mini': GPT_5_MINI,
  'gpt-5.2': openai(1.75, 0.175, 14),
  'gpt-5.2-pro': openai(21, undefined, 168),
  'gpt-4.1': openai(2, 0.5, 8),
  'gpt-4.1-mini': openai(0.4, 0.1, 1.6),
  'gpt-4.1-nano': openai(0.1, 0.025, 0.4),
  'gpt-4o': openai(2.5, 1.25, 10),
  'gpt-4o-2024-05-13': openai(5, undefined, 15),
  'gpt-4o-mini': openai(0.15, 0.075, 0.6),
  o1: openai(15, 7.5, 60),
  'o1-mini': openai(1.1, 0.55, 4.4),
  'o1-pro': openai(150, undefined, 600),
  o3: openai(2, 0.5, 8),
  'o3-mini': openai(1.1, 0.55, 4.4),
  'o3-pro': openai(20, undefined, 80),
  'o4-mini': openai(1.1, 0.275, 4.4),
};

/**
 * What may follow a table prefix: nothing, a date (`-20250929`, `-2024-08-06`, `@20241022`), `-latest`,
 * or a version tag (`-v1:0` on Bedrock, `-v2@...` on Vertex). Anything else (`claude-opus-4-9`) is a
 * different model, so it gets no price rather than its older sibling's.
 */
const ALLOWED_SUFFIX = /^(?:$|[-@](?:\d{8}|\d{4}-\d{2}-\d{2}|latest|v\d))/;

/** Strips routing prefixes: `anthropic/…` (OpenRouter, LiteLLM), `us.anthropic.…` (Bedrock). */
function normaliseModel(model: string): string {
  const lower = model.trim().toLowerCase();
  const last = lower.slice(lower.lastIndexOf('/') + 1);
  return last.replace(/^(?:[a-z]+\.)?anthropic\./, '');
}

/** The table's price for a model id (the longest matching prefix), or `undefined` when unknown. */
export function lookupPrice(model: string): ModelPrice | undefined {
  const id = normaliseModel(model);
  let best: string | undefined;
  for (const prefix of Object.keys(PRICE_TABLE)) {
    if (!id.startsWith(prefix) || !ALLOWED_SUFFIX.test(id.slice(prefix.length))) continue;
    if (best === undefined || prefix.length > best.length) best = prefix;
  }
  return best === undefined ? undefined : PRICE_TABLE[best];
}

/** A configured `pricing:` block; cache prices it leaves out are billed like plain input. */
export function priceFromConfig(p: PricingConfig): ModelPrice {
  return {
    input: p.input,
    output: p.output,
    cache_read: p.cache_read ?? p.input,
    cache_write: p.cache_write ?? p.input,
  };
}

/** USD for `usage` on `model`, or `undefined` when the price is unknown (no table entry, no override). */
export function estimateCost(model: string, usage: Usage, override?: PricingConfig): number | undefined {
  const price = override === undefined ? lookupPrice(model) : priceFromConfig(override);
  if (price === undefined) return undefined;
  const micro =
    usage.input_tokens * price.input +
    usage.output_tokens * price.output +
    usage.cache_read_tokens * price.cache_read +
    usage.cache_write_tokens * price.cache_write;
  return micro / 1_000_000;
}

/** `$0.22`, `$12.40`, `<$0.01`. */
export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}
