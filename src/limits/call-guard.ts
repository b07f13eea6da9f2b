import type { ServerRateLimits, Usage } from '../providers/provider.js';

export interface CallEstimate {
  provider: string;
  taskId: string;
  /** Estimated tokens the call will be billed for (input + expected output). */
  tokens: number;
}

/**
 * Checked before every model call and told about every response: rate limits (§8.1) and budgets (§8.3).
 * `beforeCall` resolves when the call may go (after waiting in-process if the wait is short) or throws
 * `RunPaused` with the message to show. It records the estimate; `afterCall` replaces it with actual usage.
 */
export interface CallGuard {
  beforeCall(estimate: CallEstimate, signal?: AbortSignal): Promise<void>;
  afterCall(estimate: CallEstimate, usage: Usage, serverLimits?: ServerRateLimits): void;
}

/** No limits at all (`--ignore-config-limits`, and budgets unset). */
export const unlimited: CallGuard = {
  beforeCall: () => Promise.resolve(),
  afterCall: () => undefined,
};
