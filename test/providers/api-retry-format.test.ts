import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import {
  formatApiErrorHeading,
  formatApiRetry,
  formatRetryWait,
} from '../../src/providers/api-retry-format.js';

const rateLimit = new ProviderError({
  provider: 'claude',
  kind: 'rate-limit',
  message: 'rate limited',
  status: 429,
  retryAfterMs: 60_000,
});

describe('formatApiRetry', () => {
  it('prints the guide’s lines on the first retry', () => {
    const text = formatApiRetry({ error: rateLimit, tryNumber: 1, maxTries: 5, waitMs: 60_000 });
    expect(text).toBe(
      '⚠ API rate limit error (HTTP 429)\nRetry-After: 60 seconds\n\nAttempt 1/5: Waiting 60 seconds...',
    );
  });

  it('prints only the attempt line on later retries', () => {
    expect(formatApiRetry({ error: rateLimit, tryNumber: 2, maxTries: 5, waitMs: 4000 })).toBe(
      'Attempt 2/5: Waiting 4 seconds...',
    );
  });

  it('rounds jittered backoffs to whole seconds and keeps short waits visible', () => {
    expect(formatRetryWait({ tryNumber: 1, maxTries: 5, waitMs: 2437 })).toBe(
      'Attempt 1/5: Waiting 2 seconds...',
    );
    expect(formatRetryWait({ tryNumber: 1, maxTries: 5, waitMs: 1200 })).toBe(
      'Attempt 1/5: Waiting 1 second...',
    );
    expect(formatRetryWait({ tryNumber: 1, maxTries: 5, waitMs: 20 })).toBe(
      'Attempt 1/5: Waiting 0.1 seconds...',
    );
  });

  it('names server and connection errors', () => {
    const overloaded = new ProviderError({ provider: 'c', kind: 'overloaded', message: 'x', status: 529 });
    const server = new ProviderError({ provider: 'c', kind: 'overloaded', message: 'x', status: 500 });
    const connection = new ProviderError({ provider: 'c', kind: 'connection', message: 'x' });
    expect(formatApiErrorHeading(overloaded)).toBe('⚠ API overloaded error (HTTP 529)');
    expect(formatApiErrorHeading(server)).toBe('⚠ API server error (HTTP 500)');
    expect(formatApiErrorHeading(connection)).toBe('⚠ API connection error');
  });
});
