import { describe, expect, it } from 'vitest';
import {
  parseAnthropicRateLimits,
  parseDuration,
  parseOpenAIRateLimits,
} from '../../src/providers/rate-limit-headers.js';
import { parseRetryAfter } from '../../src/providers/retry-after.js';

const NOW = Date.UTC(2025, 10, 16, 10, 0, 0);

describe('parseDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1s', 1000],
    ['20ms', 20],
    ['0.5s', 500],
    ['1h2m3.5s', 3_723_500],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5', '1x', null])('ignores %s', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseOpenAIRateLimits', () => {
  it('ignores values it cannot read instead of guessing', () => {
    const headers = new Headers({ 'x-ratelimit-limit-tokens': 'lots', 'x-ratelimit-remaining-tokens': '12' });
    expect(parseOpenAIRateLimits(headers, NOW)).toEqual({ tokensRemaining: 12 });
  });

  it('is undefined without any rate-limit header (local servers)', () => {
    expect(parseOpenAIRateLimits(new Headers({ 'content-type': 'application/json' }), NOW)).toBeUndefined();
  });
});

describe('parseAnthropicRateLimits', () => {
  it('reads input and output token limits separately', () => {
    const headers = new Headers({
      'anthropic-ratelimit-input-tokens-limit': '30000',
      'anthropic-ratelimit-input-tokens-remaining': '29000',
      'anthropic-ratelimit-input-tokens-reset': '2025-11-16T10:00:05Z',
      'anthropic-ratelimit-output-tokens-limit': '8000',
      'anthropic-ratelimit-requests-reset': 'not a date',
    });
    expect(parseAnthropicRateLimits(headers)).toEqual({
      inputTokensLimit: 30000,
      inputTokensRemaining: 29000,
      inputTokensReset: new Date('2025-11-16T10:00:05Z'),
      outputTokensLimit: 8000,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, fractional seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '60' }), NOW)).toBe(60_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.25' }), NOW)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '20' }), NOW)).toBe(20);
    const date = new Date(NOW + 90_000).toUTCString();
    expect(parseRetryAfter(new Headers({ 'retry-after': date }), NOW)).toBe(90_000);
  });

  it('treats a date in the past as no wait, and garbage as no hint', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': new Date(NOW - 5000).toUTCString() }), NOW)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'later' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': '-3' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('clamps absurd waits to a day, so that the run pauses with a real resume time', () => {
    const day = 24 * 3600_000;
    const wait = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), NOW);
    expect(wait({ 'retry-after': '99999999999999' })).toBe(day);
    expect(wait({ 'retry-after': '9'.repeat(400) })).toBe(day);
    expect(wait({ 'retry-after-ms': '1e300' })).toBeUndefined();
    expect(wait({ 'retry-after-ms': '99999999999999999999' })).toBe(day);
    expect(wait({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' })).toBe(day);
    expect(wait({ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' })).toBe(0);
    expect(wait({ 'retry-after': '-99999999999999' })).toBeUndefined();
    expect(wait({ 'retry-after': '12 seconds, maybe' })).toBeUndefined();
    expect(wait({ 'retry-after': String(day / 1000 - 1) })).toBe(day - 1000);
  });
});
