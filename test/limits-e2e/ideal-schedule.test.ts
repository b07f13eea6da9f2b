import { describe, expect, it } from 'vitest';
import { callsPerWindow, idealSchedule } from '../../bench/ideal-schedule.mjs';

const MINUTE = 60_000;
/** 10:15:00 UTC: a minute boundary. */
const T0 = Date.UTC(2025, 10, 16, 10, 15, 0);

describe("the benchmark's theoretical minimum", () => {
  it('is the unthrottled time when everything fits in the first window', () => {
    const ideal = idealSchedule({
      start: T0,
      gaps: [500, 100, 100],
      tail: 300,
      tokens: [10, 10, 10],
      limits: { tokens: 100 },
    });
    expect(ideal.elapsed).toBe(1_000);
    expect(ideal.perWindow).toEqual([3]);
  });

  it('moves a call that does not fit to the next clock-aligned minute and keeps the work after it', () => {
    const ideal = idealSchedule({
      start: T0 + 20_000,
      gaps: [1_000, 1_000, 1_000, 1_000],
      tail: 2_000,
      tokens: [40, 40, 40, 40],
      limits: { tokens: 100 },
    });
    expect(ideal.callTimes).toEqual([T0 + 21_000, T0 + 22_000, T0 + MINUTE, T0 + MINUTE + 1_000]);
    expect(ideal.elapsed).toBe(MINUTE + 1_000 + 2_000 - 20_000);
    expect(ideal.perWindow).toEqual([2, 2]);
  });

  it('counts requests as well as tokens, and skips windows a slow call never used', () => {
    const ideal = idealSchedule({
      start: T0,
      gaps: [0, 0, 0, 2.5 * MINUTE],
      tail: 0,
      tokens: [1, 1, 1, 1],
      limits: { requests: 2 },
    });
    expect(ideal.callTimes).toEqual([T0, T0, T0 + MINUTE, T0 + 3.5 * MINUTE]);
    expect(ideal.perWindow).toEqual([2, 1, 0, 1]);
  });

  it('refuses a call larger than a whole window', () => {
    expect(() =>
      idealSchedule({ start: T0, gaps: [0], tail: 0, tokens: [200], limits: { tokens: 100 } }),
    ).toThrow(/more than a whole window/);
  });

  it('counts the calls a run made per window', () => {
    expect(callsPerWindow(T0 + 59_000, [T0 + 59_500, T0 + MINUTE, T0 + 2 * MINUTE + 1])).toEqual([1, 1, 1]);
  });
});
