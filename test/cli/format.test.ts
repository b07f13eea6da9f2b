import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCountdown,
  formatDuration,
  formatTimestamp,
  parseUtc,
  plural,
} from '../../src/cli/format.js';

describe('format', () => {
  it('writes waits the way the guide does', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(44 * 60_000 + 45_000)).toBe('45m');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2h 5m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(50 * 3_600_000)).toBe('2d 2h');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('counts down to the second', () => {
    expect(formatCountdown(89_000)).toBe('1m 29s');
    expect(formatCountdown(44_200)).toBe('45s');
    expect(formatCountdown(3_725_000)).toBe('1h 2m 5s');
  });

  it('says how long ago, with plurals', () => {
    const now = new Date('2025-11-16T10:17:00Z');
    expect(formatAgo(new Date('2025-11-16T10:15:00Z'), now)).toBe('2 minutes ago');
    expect(formatAgo(new Date('2025-11-16T10:16:00Z'), now)).toBe('1 minute ago');
    expect(formatAgo(new Date('2025-11-16T10:16:55Z'), now)).toBe('just now');
    expect(formatAgo(new Date('2025-11-14T10:00:00Z'), now)).toBe('2 days ago');
    expect(plural(1, 'attempt')).toBe('1 attempt');
    expect(plural(1000, 'token')).toBe('1,000 tokens');
  });

  it('reads zone-less state times as UTC and prints UTC, whatever the local zone', () => {
    const zone = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      expect(new Date('2025-11-16T10:00:00').toISOString()).not.toBe('2025-11-16T10:00:00.000Z');
      expect(parseUtc('2025-11-16T10:00:00').toISOString()).toBe('2025-11-16T10:00:00.000Z');
      expect(formatTimestamp(new Date('2025-11-16T10:00:00Z'))).toBe('2025-11-16 10:00:00');
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
    expect(parseUtc('2025-11-16T10:00:00').toISOString()).toBe('2025-11-16T10:00:00.000Z');
    expect(parseUtc('2025-11-16T12:00:00+02:00').toISOString()).toBe('2025-11-16T10:00:00.000Z');
    expect(formatTimestamp(parseUtc('2025-11-16T10:00:00.000Z'))).toBe('2025-11-16 10:00:00');
    expect(formatTimestamp(parseUtc('not a time'))).toBe('unknown');
  });
});
