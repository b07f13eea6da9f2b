/** Small pieces both API providers share. */
import type { ProviderConfig } from '../config/types.js';
import { ProviderError } from '../errors.js';

/** `base_url` parsed, or `undefined` when unset. Anything but an http(s) URL is refused up front. */
export function checkedBaseUrl(config: ProviderConfig): URL | undefined {
  const text = config.base_url?.trim();
  if (!text) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ProviderError({
      provider: config.name,
      kind: 'bad-request',
      message:
        `provider_configs.${config.name}.base_url is "${text}", which is not an http(s) URL. ` +
        `Expected e.g. "http://127.0.0.1:11434/v1", or remove base_url to use the provider's own API.`,
    });
  }
  return url;
}

/**
 * A call cancelled through its signal (Ctrl+C, runner cancellation) is not an API failure: the caller
 * gets the signal's own reason back instead of an error to retry.
 */
export function rethrowIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
