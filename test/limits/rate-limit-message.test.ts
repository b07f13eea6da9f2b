import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatNeverFitsMessage,
  formatRateLimitMessage,
} from '../../src/limits/rate-limit-message.js';
import { rollWindows } from '../../src/limits/windows.js';

const now = new Date('2025-11-16T15:15:00Z');

describe('formatRateLimitMessage', () => {
  it("prints the guide's message exactly", () => {
    const usage = { ...rollWindows(undefined, now), requests_minute: 10, tokens_hour: 100_000 };
    const message = formatRateLimitMessage({
      limits: { max_requests_minute: 10, max_tokens_hour: 100_000 },
      usage,
      until: new Date('2025-11-16T15:30:00Z'),
      now,
    });
    expect(message).toBe(
      [
        '⚠ Rate limit reached!',
        '',
        'Current usage:',
        '  - Requests this minute: 10/10',
        '  - Tokens this hour: 100,000/100,000',
        '',
        'Next reset: 2025-11-16 15:30:00 UTC (in 15 minutes)',
        '',
        'Safe to resume after reset. Run:',
        '  taskmaster resume',
      ].join('\n'),
    );
  });

  it('lists every configured limit with the usage of the current windows', () => {
    const usage = {
      ...rollWindows(undefined, now),
      requests_hour: 42,
      tokens_minute: 1_234,
      tokens_day: 120_000,
    };
    const message = formatRateLimitMessage({
      limits: {
        max_requests_minute: 10,
        max_requests_hour: 500,
        max_requests_day: 10_000,
        max_tokens_minute: 40_000,
        max_tokens_hour: 100_000,
        max_tokens_day: 500_000,
      },
      usage,
      until: new Date('2025-11-17T00:00:00Z'),
      now,
    });
    expect(message).toContain(
      [
        '  - Requests this minute: 0/10',
        '  - Requests this hour: 42/500',
        '  - Requests today: 0/10,000',
        '  - Tokens this minute: 1,234/40,000',
        '  - Tokens this hour: 0/100,000',
        '  - Tokens today: 120,000/500,000',
      ].join('\n'),
    );
    expect(message).toContain('Next reset: 2025-11-17 00:00:00 UTC (in 8 hours 45 minutes)');
  });
});

describe('formatNeverFitsMessage', () => {
  it('names the limit, the size of the call and how to fix it', () => {
    const message = formatNeverFitsMessage({
      provider: 'claude',
      taskId: 'auth-1',
      limit: {
        window: 'minute',
        metric: 'tokens',
        used: 0,
        limit: 4_000,
        needed: 12_500,
        neverFits: true,
        reset: new Date(),
      },
    });
    expect(message).toContain('needs about 12,500 tokens');
    expect(message).toContain('provider_configs.claude.rate_limits.max_tokens_minute is 4,000');
    expect(message).toContain('lower provider_configs.claude.max_tokens');
    expect(message).toContain('taskmaster resume');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [44_200, '45s'],
    [60_000, '1 minute'],
    [15 * 60_000, '15 minutes'],
    [14 * 60_000 + 1_000, '15 minutes'],
    [60 * 60_000, '1 hour'],
    [125 * 60_000, '2 hours 5 minutes'],
    [61 * 60_000, '1 hour 1 minute'],
    [-5_000, '0s'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('has a short form for the debug view', () => {
    expect(formatDuration(45_000, { short: true })).toBe('45s');
    expect(formatDuration(45 * 60_000, { short: true })).toBe('45m');
    expect(formatDuration(125 * 60_000, { short: true })).toBe('2h 5m');
    expect(formatDuration(120 * 60_000, { short: true })).toBe('2h');
  });
});
