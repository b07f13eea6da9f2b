/**
 * A server that accepts a request and then goes quiet. Both providers stream their answers, so a healthy
 * server sends bytes all along (text, tool input, keep-alive pings); a long silence — before the headers
 * or between two chunks of the body — means the connection is dead. The SDKs' own `timeout` only covers
 * the time to the headers, so this wraps `fetch` and fails the request after `idle_timeout` seconds
 * without data, however long the whole answer takes (see docs/providers.md).
 */

import type { ProviderConfig } from '../config/types.js';

/** The server sent nothing for too long. Classified as a connection error and retried. */
export class SilentServerError extends Error {
  constructor(readonly idleMs: number) {
    // No "timeout" in the name or text: the Anthropic SDK replaces an error that says so with its own
    // bare "Request timed out.", and the user would not learn which setting to raise.
    super(`the server sent no data for ${idleMs / 1000} seconds`);
    this.name = 'SilentServerError';
  }
}

/** `fetch` that fails with `SilentServerError` once `idleMs` pass without the server sending anything. */
export function withIdleTimeout(fetchImpl: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const idle = new AbortController();
    const timer = new IdleTimer(idleMs, () => idle.abort(new SilentServerError(idleMs)));
    const signals = init?.signal ? [init.signal, idle.signal] : [idle.signal];
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      timer.stop();
      // Said plainly, in case the fetch in between reports the abort as a bare `AbortError`.
      throw idle.signal.aborted ? idle.signal.reason : error;
    }
    if (!response.body) {
      timer.stop();
      return response;
    }
    // Every chunk restarts the clock; the end of the body, or the reader giving up, stops it.
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          timer.restart();
          controller.enqueue(chunk);
        },
        flush() {
          timer.stop();
        },
        cancel() {
          timer.stop();
        },
      }),
    );
    const { status, statusText, headers } = response;
    return new Response(body, { status, statusText, headers });
  };
}

class IdleTimer {
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    this.restart();
  }

  restart(): void {
    this.stop();
    this.handle = setTimeout(this.onIdle, this.ms);
    // A pending timer must not keep a finished CLI process alive.
    this.handle.unref();
  }

  stop(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
  }
}

/**
 * Anthropic's streams send a `ping` every few seconds, so two minutes of silence is a dead connection.
 * OpenAI-compatible servers may send nothing while a reasoning model thinks or a local model reads a
 * long prompt, so they get five.
 */
export const DEFAULT_IDLE_TIMEOUT_SECONDS: Record<'claude' | 'openai', number> = { claude: 120, openai: 300 };

/** The provider's `idle_timeout` in milliseconds, or its type's default. */
export function idleTimeoutMs(config: ProviderConfig): number {
  const type = config.type === 'openai' ? 'openai' : 'claude';
  // `setTimeout` fires at once for anything above 2^31 - 1 ms (about 24.8 days).
  return Math.min((config.idle_timeout ?? DEFAULT_IDLE_TIMEOUT_SECONDS[type]) * 1000, 2 ** 31 - 1);
}
