/** Types of `ideal-schedule.mjs`, for the tests that check the benchmark's yardstick. */
export declare const MINUTE_MS: number;
export declare function minuteStart(at: number): number;
export declare function idealSchedule(input: {
  /** Epoch ms at which the run starts. */
  start: number;
  /** Ms of work before each call (from the start, then from the previous call). */
  gaps: number[];
  /** Ms of work after the last call. */
  tail: number;
  /** Tokens each call counts. */
  tokens: number[];
  /** Per minute. */
  limits: { requests?: number; tokens?: number };
}): { elapsed: number; callTimes: number[]; perWindow: number[] };
export declare function callsPerWindow(start: number, times: number[]): number[];
