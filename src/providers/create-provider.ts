import type { ProviderConfig } from '../config/types.js';
import type { Clock } from '../engine/ports.js';
import { ClaudeProvider } from './claude.js';
import { OpenAIProvider } from './openai.js';
import type { Provider } from './provider.js';
import { ScriptedProvider } from './scripted.js';

export interface ProviderOptions {
  /** Replaces the SDKs' fetch (tests only). */
  fetch?: typeof fetch;
  /**
   * The run's clock: OpenAI sends its rate-limit resets as durations and `retry-after` may be a date, so
   * both must be read against the same time the limits guard waits on. The system clock when absent.
   */
  clock?: Clock;
}

/** Builds the provider for one `provider_configs` entry. Scripted providers load and validate their script now. */
export async function createProvider(config: ProviderConfig, opts: ProviderOptions = {}): Promise<Provider> {
  switch (config.type) {
    case 'claude':
      return new ClaudeProvider(config, opts);
    case 'openai':
      return new OpenAIProvider(config, opts);
    case 'scripted':
      return ScriptedProvider.load(config);
  }
}
