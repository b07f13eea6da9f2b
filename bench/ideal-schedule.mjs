// The benchmark's yardstick: how long the run would take at best under the configured limits.
//
// An ideal runner does the same work at the same speed as the unthrottled baseline run (the same gaps
// between calls, the same time after the last one), knows every call's exact token count in advance,
// and waits only when the next call would not fit the current clock-aligned window — then exactly until
// that window resets. Its elapsed time is the minimum the limits allow; whatever the real run takes
// beyond it is the limiter's overhead.

/** Length of the minute window, the one the benchmark limits. */
export const MINUTE_MS = 60_000;

/**
 * @param {number} at epoch milliseconds
 * @returns {number} start of the clock-aligned minute holding `at`
 */
export function minuteStart(at) {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/**
 * Plays the ideal runner.
 * @param {object} input
 * @param {number} input.start epoch ms at which the run starts
 * @param {number[]} input.gaps ms of work before each call (from the run's start, then from the previous call)
 * @param {number} input.tail ms of work after the last call until the run ends
 * @param {number[]} input.tokens tokens each call counts (input + output)
 * @param {{ requests?: number, tokens?: number }} input.limits per minute
 * @returns {{ elapsed: number, callTimes: number[], perWindow: number[] }}
 */
export function idealSchedule({ start, gaps, tail, tokens, limits }) {
  const maxRequests = limits.requests ?? Infinity;
  const maxTokens = limits.tokens ?? Infinity;
  let at = start;
  let window = minuteStart(start);
  let used = { requests: 0, tokens: 0 };
  const callTimes = [];
  const perWindow = [0];
  gaps.forEach((gap, i) => {
    const need = tokens[i] ?? 0;
    if (need > maxTokens) throw new Error(`call ${i + 1} needs ${need} tokens, more than a whole window`);
    at += gap;
    for (;;) {
      if (minuteStart(at) !== window) {
        perWindow.push(...Array((minuteStart(at) - window) / MINUTE_MS).fill(0));
        window = minuteStart(at);
        used = { requests: 0, tokens: 0 };
      }
      if (used.requests + 1 <= maxRequests && used.tokens + need <= maxTokens) break;
      at = window + MINUTE_MS;
    }
    used.requests += 1;
    used.tokens += need;
    perWindow[perWindow.length - 1] += 1;
    callTimes.push(at);
  });
  return { elapsed: at + tail - start, callTimes, perWindow };
}

/**
 * Calls per clock-aligned minute, counting from the window holding `start`.
 * @param {number} start epoch ms
 * @param {number[]} times epoch ms of each call
 * @returns {number[]}
 */
export function callsPerWindow(start, times) {
  const counts = [];
  for (const t of times) {
    const index = (minuteStart(t) - minuteStart(start)) / MINUTE_MS;
    while (counts.length <= index) counts.push(0);
    counts[index] += 1;
  }
  return counts;
}
