import { describe, expect, it } from 'vitest';
import { checkLimits, correctCall, recordCall, recordedCall } from '../../src/limits/rate-limiter.js';
import { rollWindows } from '../../src/limits/windows.js';

const now = new Date('2025-11-16T10:15:30Z');

function usage(counts: { requests?: number; tokens?: number; tokensHour?: number; tokensDay?: number } = {}) {
  return {
    ...rollWindows(undefined, now),
    requests_minute: counts.requests ?? 0,
    requests_hour: counts.requests ?? 0,
    requests_day: counts.requests ?? 0,
    tokens_minute: counts.tokens ?? 0,
    tokens_hour: counts.tokensHour ?? counts.tokens ?? 0,
    tokens_day: counts.tokensDay ?? counts.tokens ?? 0,
  };
}

describe('checkLimits', () => {
  it('lets a call go while every window has room for one more request and its tokens', () => {
    const limits = { max_requests_minute: 10, max_tokens_hour: 100_000 };
    expect(checkLimits(limits, usage({ requests: 9, tokens: 90_000 }), 10_000, now)).toEqual({ kind: 'ok' });
    expect(checkLimits(limits, undefined, 100_000, now)).toEqual({ kind: 'ok' });
  });

  it('blocks the eleventh request of a minute until the next minute', () => {
    const decision = checkLimits({ max_requests_minute: 10 }, usage({ requests: 10 }), 100, now);
    expect(decision).toEqual({
      kind: 'blocked',
      until: new Date('2025-11-16T10:16:00Z'),
      exceeded: [
        {
          window: 'minute',
          metric: 'requests',
          used: 10,
          limit: 10,
          needed: 1,
          neverFits: false,
          reset: new Date('2025-11-16T10:16:00Z'),
        },
      ],
    });
  });

  it('blocks when the estimate would go over a token limit, even below it now', () => {
    const decision = checkLimits({ max_tokens_hour: 100_000 }, usage({ tokensHour: 95_000 }), 5_001, now);
    expect(decision.kind).toBe('blocked');
    if (decision.kind !== 'blocked') return;
    expect(decision.exceeded).toMatchObject([
      { window: 'hour', metric: 'tokens', used: 95_000, needed: 5_001 },
    ]);
  });

  it('waits for the latest reset when several windows are exceeded', () => {
    const limits = { max_requests_minute: 10, max_tokens_hour: 100_000, max_tokens_day: 1_000_000 };
    const decision = checkLimits(
      limits,
      usage({ requests: 10, tokensHour: 99_000, tokensDay: 10_000 }),
      2_000,
      now,
    );
    expect(decision.kind).toBe('blocked');
    if (decision.kind !== 'blocked') return;
    expect(decision.exceeded.map((e) => `${e.metric}/${e.window}`)).toEqual([
      'requests/minute',
      'tokens/hour',
    ]);
    expect(decision.until).toEqual(new Date('2025-11-16T11:00:00Z'));
  });

  it('says when the estimate alone is larger than a limit', () => {
    const decision = checkLimits({ max_tokens_minute: 4_000 }, undefined, 4_001, now);
    expect(decision.kind === 'blocked' && decision.exceeded[0]?.neverFits).toBe(true);
    const fits = checkLimits({ max_tokens_minute: 4_000 }, usage({ tokens: 10 }), 4_000, now);
    expect(fits.kind === 'blocked' && fits.exceeded[0]?.neverFits).toBe(false);
  });

  it('counts nothing from windows that have expired', () => {
    const old = usage({ requests: 10 });
    expect(checkLimits({ max_requests_minute: 10 }, old, 1, new Date('2025-11-16T10:16:00Z'))).toEqual({
      kind: 'ok',
    });
  });
});

describe('recordCall and correctCall', () => {
  it('counts a request and its tokens in every window', () => {
    const next = recordCall(usage({ requests: 1, tokens: 100 }), 500);
    expect(next).toMatchObject({ requests_minute: 2, requests_hour: 2, requests_day: 2 });
    expect(next).toMatchObject({ tokens_minute: 600, tokens_hour: 600, tokens_day: 600 });
  });

  it('replaces the estimate by the actual usage', () => {
    const before = usage({ tokens: 1_000 });
    const counted = recordCall(before, 5_000);
    const corrected = correctCall(counted, recordedCall(before, 5_000), 3_200);
    expect(corrected).toMatchObject({
      tokens_minute: 4_200,
      tokens_hour: 4_200,
      tokens_day: 4_200,
      requests_minute: 1,
    });
  });

  it('leaves windows that rolled over since the call was counted', () => {
    const before = usage();
    const call = recordedCall(before, 5_000);
    const later = rollWindows(recordCall(before, 5_000), new Date('2025-11-16T10:16:05Z'));
    const corrected = correctCall(later, call, 7_000);
    expect(corrected).toMatchObject({ tokens_minute: 0, tokens_hour: 7_000, tokens_day: 7_000 });
  });

  it('never goes below zero', () => {
    const before = usage();
    expect(correctCall(before, recordedCall(before, 5_000), 0).tokens_hour).toBe(0);
  });
});
