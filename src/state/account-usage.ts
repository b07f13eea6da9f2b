/**
 * Rate-limit windows describe the provider account, not the run (see docs/state-and-resume.md): every way
 * of starting over — `--fresh`, "n" to "Resume from task N?", another run — starts from the usage the
 * account already has, so none of them lets a run exceed the configured limits. The run budget
 * (`max_tokens_per_run`) is the run's own and starts again.
 */
import { parseWindowStart, WINDOW_FIELDS, WINDOW_KINDS } from '../limits/windows.js';
import type { RunState, WindowUsage } from './run-state.js';

/**
 * Adds `previous`'s rate-limit usage into `next` and returns `next`. Per provider and window the newer
 * window wins; in the same window the larger count does. Taking the larger rather than the sum means
 * feeding the same usage twice (a state carried from another, then both offered) never counts it twice,
 * so a caller may feed it every sibling run's state in turn.
 */
export function carryAccountUsage(previous: RunState | null | undefined, next: RunState): RunState {
  if (!previous) return next;
  for (const [provider, usage] of Object.entries(previous.rate_limit_usage)) {
    const current = next.rate_limit_usage[provider];
    next.rate_limit_usage[provider] = current ? newerWindows(current, usage) : { ...usage };
  }
  return next;
}

function newerWindows(current: WindowUsage, other: WindowUsage): WindowUsage {
  const merged: WindowUsage = { ...current };
  for (const kind of WINDOW_KINDS) {
    const { requests, tokens, start } = WINDOW_FIELDS[kind];
    const ours = parseWindowStart(current[start]);
    const theirs = parseWindowStart(other[start]);
    if (!Number.isFinite(theirs) || theirs < ours) continue;
    if (theirs > ours || !Number.isFinite(ours)) {
      Object.assign(merged, { [start]: other[start], [requests]: other[requests], [tokens]: other[tokens] });
      continue;
    }
    merged[requests] = Math.max(current[requests], other[requests]);
    merged[tokens] = Math.max(current[tokens], other[tokens]);
  }
  return merged;
}
