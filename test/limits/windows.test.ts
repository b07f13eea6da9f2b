import { afterEach, describe, expect, it } from 'vitest';
import type { WindowUsage } from '../../src/state/run-state.js';
import { emptyUsage, nextReset, rollWindows } from '../../src/limits/windows.js';

const at = (iso: string): Date => new Date(iso);

function usageAt(iso: string, counts: Partial<WindowUsage> = {}): WindowUsage {
  return {
    ...emptyUsage(at(iso)),
    requests_minute: 5,
    requests_hour: 50,
    requests_day: 500,
    tokens_minute: 1_000,
    tokens_hour: 45_000,
    tokens_day: 120_000,
    ...counts,
  };
}

describe('rollWindows', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('starts empty windows at the aligned minute, hour and UTC day', () => {
    const usage = rollWindows(undefined, at('2025-11-16T10:15:42.250Z'));
    expect(usage).toEqual({
      requests_minute: 0,
      requests_hour: 0,
      requests_day: 0,
      tokens_minute: 0,
      tokens_hour: 0,
      tokens_day: 0,
      window_start_minute: '2025-11-16T10:15:00Z',
      window_start_hour: '2025-11-16T10:00:00Z',
      window_start_day: '2025-11-16T00:00:00Z',
    });
  });

  it('keeps counts until the last millisecond of the minute and resets only the minute after it', () => {
    const usage = usageAt('2025-11-16T10:15:10Z');
    expect(rollWindows(usage, at('2025-11-16T10:15:59.999Z')).requests_minute).toBe(5);
    const rolled = rollWindows(usage, at('2025-11-16T10:16:00Z'));
    expect(rolled).toMatchObject({
      requests_minute: 0,
      tokens_minute: 0,
      window_start_minute: '2025-11-16T10:16:00Z',
    });
    expect(rolled).toMatchObject({
      requests_hour: 50,
      tokens_hour: 45_000,
      requests_day: 500,
      tokens_day: 120_000,
    });
  });

  it('resets the hour at :00 and keeps the day', () => {
    const usage = usageAt('2025-11-16T10:59:30Z');
    expect(rollWindows(usage, at('2025-11-16T10:59:59Z')).tokens_hour).toBe(45_000);
    const rolled = rollWindows(usage, at('2025-11-16T11:00:00Z'));
    expect(rolled).toMatchObject({
      tokens_hour: 0,
      requests_hour: 0,
      window_start_hour: '2025-11-16T11:00:00Z',
    });
    expect(rolled.tokens_day).toBe(120_000);
  });

  it('resets everything at midnight UTC', () => {
    const usage = usageAt('2025-11-16T23:59:30Z');
    expect(rollWindows(usage, at('2025-11-16T23:59:59Z')).tokens_day).toBe(120_000);
    const rolled = rollWindows(usage, at('2025-11-17T00:00:00Z'));
    expect(rolled).toMatchObject({
      tokens_day: 0,
      requests_day: 0,
      window_start_day: '2025-11-17T00:00:00Z',
    });
    expect(rolled.tokens_hour).toBe(0);
  });

  it('treats window starts in the future (clock skew, a cache from a machine ahead) as expired', () => {
    const ahead = usageAt('2025-11-16T12:00:00Z', { tokens_day: 500_000 });
    ahead.window_start_day = '2025-11-18T00:00:00Z';
    const rolled = rollWindows(ahead, at('2025-11-16T10:15:00Z'));
    expect(rolled).toMatchObject({ tokens_minute: 0, tokens_hour: 0, tokens_day: 0 });
    expect(rolled.window_start_day).toBe('2025-11-16T00:00:00Z');
  });

  it("reads the guide's zone-less timestamps as UTC whatever the machine's time zone", () => {
    process.env.TZ = 'America/New_York';
    const fromGuide: WindowUsage = {
      requests_minute: 5,
      requests_hour: 0,
      requests_day: 0,
      tokens_minute: 0,
      tokens_hour: 45_000,
      tokens_day: 120_000,
      window_start_minute: '2025-11-16T10:15:00',
      window_start_hour: '2025-11-16T10:00:00',
      window_start_day: '2025-11-16T00:00:00',
    };
    const rolled = rollWindows(fromGuide, at('2025-11-16T10:15:30Z'));
    expect(rolled).toMatchObject({ requests_minute: 5, tokens_hour: 45_000, tokens_day: 120_000 });
  });

  it('resets a window whose start cannot be read', () => {
    const usage = usageAt('2025-11-16T10:15:00Z');
    usage.window_start_hour = 'yesterday';
    expect(rollWindows(usage, at('2025-11-16T10:15:30Z')).tokens_hour).toBe(0);
  });

  it('does not modify the usage it is given', () => {
    const usage = usageAt('2025-11-16T10:15:00Z');
    rollWindows(usage, at('2025-11-17T10:15:00Z'));
    expect(usage.tokens_day).toBe(120_000);
  });
});

describe('nextReset', () => {
  const now = at('2025-11-16T10:15:30Z');
  it('is the start of the next minute, hour and UTC day', () => {
    const usage = usageAt('2025-11-16T10:15:00Z');
    expect(nextReset('minute', usage, now).toISOString()).toBe('2025-11-16T10:16:00.000Z');
    expect(nextReset('hour', usage, now).toISOString()).toBe('2025-11-16T11:00:00.000Z');
    expect(nextReset('day', usage, now).toISOString()).toBe('2025-11-17T00:00:00.000Z');
  });

  it('ignores a stale or future start', () => {
    const usage = usageAt('2025-11-16T10:15:00Z');
    usage.window_start_hour = '2025-11-16T18:00:00Z';
    expect(nextReset('hour', usage, now).toISOString()).toBe('2025-11-16T11:00:00.000Z');
    expect(nextReset('hour', undefined, now).toISOString()).toBe('2025-11-16T11:00:00.000Z');
  });
});
