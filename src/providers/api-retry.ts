/**
 * Retrying failed model calls (§8.2). Rate limits, overload and network errors are retried, honouring
 * the server's `retry-after`, else backing off 2, 4, 8, 16 s with jitter, at most `maxTries` tries in all.
 * A wait longer than the in-process limit, or running out of tries, pauses the run (`RunPaused`, exit 3)
 * so that `taskmaster resume` continues later. Everything else propagates unchanged.
 */
import { ProviderError, RunPaused } from '../errors.js';
import type { Clock } from '../engine/ports.js';
import type { ModelRequest, ModelResponse, Provider } from './provider.js';

export const DEFAULT_MAX_TRIES = 5;
const FIRST_BACKOFF_MS = 2000;
/** Jitter adds up to this fraction to a backoff, so that parallel runs do not retry in lockstep. */
const MAX_JITTER = 0.25;

/** One retry about to happen, for progress output (see `formatApiRetry`). */
export interface ApiRetryEvent {
  /** The failure that is being retried. */
  error: ProviderError;
  /** 1-based number of the try that just failed. */
  tryNumber: number;
  /** Tries allowed in all (the first call included). */
  maxTries: number;
  /** How long the runner waits before the next try. */
  waitMs: number;
}

export interface ApiRetryOptions {
  /** Waits go through the clock, so tests run them instantly. */
  clock: Clock;
  /** Tries in all, the first call included. Default 5. */
  maxTries?: number;
  /** The longest wait allowed in-process; a longer one pauses the run at once. */
  maxWaitMs: number;
  /** Told before each wait. */
  onRetry?: (event: ApiRetryEvent) => void;
  /** Source of jitter in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/** `provider` with retries around `complete`. Name, type and model stay the same. */
export function withApiRetry(provider: Provider, opts: ApiRetryOptions): Provider {
  return {
    name: provider.name,
    type: provider.type,
    model: provider.model,
    complete: (request, signal) => completeWithRetry(provider, opts, request, signal),
  };
}

async function completeWithRetry(
  provider: Provider,
  opts: ApiRetryOptions,
  request: ModelRequest,
  signal: AbortSignal | undefined,
): Promise<ModelResponse> {
  const maxTries = opts.maxTries ?? DEFAULT_MAX_TRIES;
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await provider.complete(request, signal);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable) throw error;
      if (tryNumber >= maxTries) throw triesExhausted(error, maxTries, opts.clock);
      const waitMs = retryWaitMs(error, tryNumber, opts.random ?? Math.random);
      if (waitMs > opts.maxWaitMs) throw waitTooLong(error, waitMs, opts);
      opts.onRetry?.({ error, tryNumber, maxTries, waitMs });
      await opts.clock.sleep(waitMs, signal);
    }
  }
}

/** The server's hint when it gave one, else 2, 4, 8, 16 s plus up to 25 % jitter. */
export function retryWaitMs(error: ProviderError, tryNumber: number, random: () => number): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const backoff = FIRST_BACKOFF_MS * 2 ** (tryNumber - 1);
  return Math.round(backoff * (1 + MAX_JITTER * random()));
}

function waitTooLong(error: ProviderError, waitMs: number, opts: ApiRetryOptions): RunPaused {
  const until = new Date(opts.clock.now() + waitMs);
  const reason = error.kind === 'rate-limit' ? 'rate-limit' : 'api-retries';
  const message =
    `${error.message}\nThe API asks to wait ${seconds(waitMs)} before the next try, longer than the ` +
    `${seconds(opts.maxWaitMs)} allowed in-process. The run is paused with its state saved; run ` +
    `\`taskmaster resume\` after ${until.toISOString()}.`;
  return new RunPaused(reason, message, { until });
}

function triesExhausted(error: ProviderError, maxTries: number, clock: Clock): RunPaused {
  const message =
    `The call to provider "${error.provider}" failed ${maxTries} times in a row; the last error was:\n` +
    `${error.message}\nThe run is paused with its state saved; run \`taskmaster resume\` to try again ` +
    `once the API is reachable.`;
  // Only the server knows when it will take calls again; without its hint there is no resume time.
  if (error.retryAfterMs === undefined) return new RunPaused('api-retries', message);
  return new RunPaused('api-retries', message, { until: new Date(clock.now() + error.retryAfterMs) });
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} second${s === 1 ? '' : 's'}`;
}
