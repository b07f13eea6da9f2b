import { describe, expect, it } from 'vitest';
import { estimateCost, formatCost, lookupPrice } from '../../src/limits/prices.js';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  input_tokens: input,
  output_tokens: output,
  cache_read_tokens: cacheRead,
  cache_write_tokens: cacheWrite,
});

describe('lookupPrice', () => {
  it.each([
    ['claude-sonnet-4-5', 3, 15],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-3-5-sonnet-20241022', 3, 15],
    ['claude-3-5-haiku-latest', 0.8, 4],
    ['claude-haiku-4-5-20251001', 1, 5],
    ['claude-opus-4-5', 5, 25],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-opus-4-20250514', 15, 75],
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 3, 15],
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-2024-08-06', 2.5, 10],
    ['gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['gpt-4.1-mini', 0.4, 1.6],
    ['o3-mini', 1.1, 4.4],
    ['o4-mini-2025-04-16', 1.1, 4.4],
    ['gpt-5', 1.25, 10],
    ['gpt-5-nano-2025-08-07', 0.05, 0.4],
  ])('%s costs $%f in, $%f out per million', (model, input, output) => {
    expect(lookupPrice(model)).toMatchObject({ input, output });
  });

  it('knows no price for models it has not seen, rather than guessing from a sibling', () => {
    expect(lookupPrice('claude-opus-4-9')).toBeUndefined();
    expect(lookupPrice('gpt-5-turbo-x')).toBeUndefined();
    expect(lookupPrice('llama3.1:8b')).toBeUndefined();
  });
});

describe('estimateCost', () => {
  it('prices input, output and cache tokens per million', () => {
    expect(estimateCost('claude-sonnet-4-5', usage(1_000_000, 100_000))).toBeCloseTo(4.5, 10);
    expect(estimateCost('claude-sonnet-4-5', usage(0, 0, 1_000_000, 1_000_000))).toBeCloseTo(0.3 + 3.75, 10);
    expect(estimateCost('gpt-4.1', usage(0, 0, 1_000_000, 0))).toBeCloseTo(0.5, 10);
  });

  it('is unknown for an unknown model without an override', () => {
    expect(estimateCost('my-local-model', usage(1_000, 1_000))).toBeUndefined();
  });

  it('uses the configured pricing over the table, cache prices defaulting to the input price', () => {
    const override = { input: 1, output: 2 };
    expect(estimateCost('claude-sonnet-4-5', usage(1_000_000, 1_000_000), override)).toBeCloseTo(3, 10);
    expect(estimateCost('my-local-model', usage(0, 0, 1_000_000, 1_000_000), override)).toBeCloseTo(2, 10);
    const full = { input: 1, output: 2, cache_read: 0.1, cache_write: 1.5 };
    expect(estimateCost('my-local-model', usage(0, 0, 1_000_000, 1_000_000), full)).toBeCloseTo(1.6, 10);
  });
});

describe('formatCost', () => {
  it('shows cents, and a floor for tiny amounts', () => {
    expect(formatCost(0.2249)).toBe('$0.22');
    expect(formatCost(12.4)).toBe('$12.40');
    expect(formatCost(0.001)).toBe('<$0.01');
    expect(formatCost(0)).toBe('$0.00');
  });
});
