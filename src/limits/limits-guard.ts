/**
 * The `CallGuard` the engine puts in front of every model call: budgets (§8.3), configured rate limits
 * (§8.1, unless `--ignore-config-limits`) and the server's own limits. Short waits happen in-process
 * through the injected clock; anything longer pauses the run with the message to show.
 */
import type { ProviderConfig, RateLimits, ResolvedConfig } from '../config/types.js';
import type { Clock } from '../engine/ports.js';
import { RunPaused } from '../errors.js';
import { totalTokens, type ServerRateLimits, type Usage } from '../providers/provider.js';
import type { RunState } from '../state/run-state.js';
import { checkBudgets, formatBudgetMessage } from './budget.js';
import type { CallEstimate, CallGuard } from './call-guard.js';
import { formatNeverFitsMessage, formatRateLimitMessage, waitReason } from './rate-limit-message.js';
import {
  checkLimits,
  configuredLimits,
  correctCall,
  recordCall,
  recordedCall,
  type RecordedCall,
} from './rate-limiter.js';
import { serverWait } from './server-limits.js';
import { rollWindows } from './windows.js';

export interface CallGuardOptions {
  /** The run's state; `rate_limit_usage` is updated in place (the engine saves it). */
  state: RunState;
  /** Providers' `rate_limits` and the `budget` caps. */
  config: ResolvedConfig;
  /** Time and sleeping, so that waits run instantly under test. */
  clock: Clock;
  /** `--ignore-config-limits`: configured rate limits are not enforced (usage is still counted). */
  ignoreRateLimits: boolean;
  /** Longest in-process wait, in seconds; 0 never waits. */
  maxWaitSeconds: number;
  /** Told before every in-process wait, to show a countdown. */
  onWait?: (e: { reason: string; until: Date }) => void;
  /** Told once per provider when its configured limits are ignored. */
  onWarning?: (msg: string) => void;
}

/** Re-checks after a wait; more rounds than this means the clock is not moving, so pause instead. */
const MAX_WAIT_ROUNDS = 5;

/** Calls that failed never get an `afterCall`; their entries are dropped once this many are pending. */
const MAX_PENDING = 64;

interface PendingCall {
  estimate: CallEstimate;
  call: RecordedCall;
}

export function createCallGuard(opts: CallGuardOptions): CallGuard {
  const pending: PendingCall[] = [];
  const serverLimits = new Map<string, ServerRateLimits>();
  const warned = new Set<string>();
  const limitsOf = (provider: string): RateLimits => providerConfig(opts.config, provider)?.rate_limits ?? {};
  return {
    async beforeCall(estimate, signal) {
      enforceBudgets(opts, estimate);
      if (opts.ignoreRateLimits) warnIgnored(opts, estimate.provider, limitsOf(estimate.provider), warned);
      else await waitForConfigLimits(opts, limitsOf(estimate.provider), estimate, signal);
      await waitForServer(opts, serverLimits, estimate, signal);
      pending.push({ estimate, call: record(opts, estimate.provider, estimate.tokens) });
      if (pending.length > MAX_PENDING) pending.shift();
    },
    afterCall(estimate, usage, limits) {
      settle(opts, takePending(pending, estimate), estimate, usage);
      if (limits !== undefined) serverLimits.set(estimate.provider, limits);
    },
  };
}

function providerConfig(config: ResolvedConfig, name: string): ProviderConfig | undefined {
  return Object.hasOwn(config.providers, name) ? config.providers[name] : undefined;
}

function now(opts: CallGuardOptions): Date {
  return new Date(opts.clock.now());
}

function canWait(opts: CallGuardOptions, until: Date): boolean {
  const waitMs = until.getTime() - opts.clock.now();
  return opts.maxWaitSeconds > 0 && waitMs <= opts.maxWaitSeconds * 1000;
}

function enforceBudgets(opts: CallGuardOptions, estimate: CallEstimate): void {
  const exceeded = checkBudgets(opts.state, opts.config.budget, estimate.taskId, estimate.tokens);
  if (exceeded === undefined) return;
  const message = formatBudgetMessage(exceeded);
  throw new RunPaused('budget', message, { details: message });
}

async function waitForConfigLimits(
  opts: CallGuardOptions,
  limits: RateLimits,
  estimate: CallEstimate,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let round = 0; ; round++) {
    const at = now(opts);
    const usage = opts.state.rate_limit_usage[estimate.provider];
    const decision = checkLimits(limits, usage, estimate.tokens, at);
    if (decision.kind === 'ok') return;
    const never = decision.exceeded.find((e) => e.neverFits);
    if (never !== undefined) {
      const message = formatNeverFitsMessage({
        provider: estimate.provider,
        taskId: estimate.taskId,
        limit: never,
      });
      throw new RunPaused('rate-limit', message, { details: message });
    }
    if (!canWait(opts, decision.until) || round >= MAX_WAIT_ROUNDS) {
      const message = formatRateLimitMessage({ limits, usage, until: decision.until, now: at });
      throw new RunPaused('rate-limit', message, { until: decision.until, details: message });
    }
    opts.onWait?.({
      reason: waitReason(estimate.provider, decision.exceeded),
      until: decision.until,
    });
    await opts.clock.sleep(decision.until.getTime() - at.getTime(), signal);
  }
}

/** The server's numbers are approximate; when its reset is beyond the wait, let the API retry layer cope. */
async function waitForServer(
  opts: CallGuardOptions,
  serverLimits: Map<string, ServerRateLimits>,
  estimate: CallEstimate,
  signal: AbortSignal | undefined,
): Promise<void> {
  const at = now(opts);
  const wait = serverWait(estimate.provider, serverLimits.get(estimate.provider), estimate.tokens, at);
  if (wait === undefined || !canWait(opts, wait.until)) return;
  opts.onWait?.(wait);
  await opts.clock.sleep(wait.until.getTime() - at.getTime(), signal);
  serverLimits.delete(estimate.provider);
}

function warnIgnored(
  opts: CallGuardOptions,
  provider: string,
  limits: RateLimits,
  warned: Set<string>,
): void {
  const set = configuredLimits(limits);
  if (set.length === 0 || warned.has(provider)) return;
  warned.add(provider);
  const list = set.map((l) => `${l.key}: ${l.limit}`).join(', ');
  opts.onWarning?.(
    `--ignore-config-limits: rate limits of provider ${provider} are not enforced (${list}). ` +
      'This can lead to unexpected API bills, account suspension or service degradation.',
  );
}

function record(opts: CallGuardOptions, provider: string, tokens: number): RecordedCall {
  const usage = rollWindows(opts.state.rate_limit_usage[provider], now(opts));
  opts.state.rate_limit_usage[provider] = recordCall(usage, tokens);
  return recordedCall(usage, tokens);
}

/** The pending call for this estimate: the same object if the engine passes it back, else the oldest match. */
function takePending(pending: PendingCall[], estimate: CallEstimate): RecordedCall | undefined {
  let index = pending.findIndex((p) => p.estimate === estimate);
  if (index < 0) {
    index = pending.findIndex(
      (p) => p.estimate.provider === estimate.provider && p.estimate.taskId === estimate.taskId,
    );
  }
  if (index < 0) return undefined;
  const [found] = pending.splice(index, 1);
  return found?.call;
}

/** Replaces the estimate with actual usage; a response with no matching `beforeCall` is counted as new. */
function settle(
  opts: CallGuardOptions,
  call: RecordedCall | undefined,
  estimate: CallEstimate,
  usage: Usage,
): void {
  const provider = estimate.provider;
  const current = rollWindows(opts.state.rate_limit_usage[provider], now(opts));
  const actual = totalTokens(usage);
  opts.state.rate_limit_usage[provider] =
    call === undefined ? recordCall(current, actual) : correctCall(current, call, actual);
}
