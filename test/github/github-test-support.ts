/**
 * Shared set-up for GitHub tests: nock with the network off, a record of requests nothing intercepted
 * (a stray call is a failure even when the code under test swallows its error), a fast client and a
 * log that keeps its lines.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { GitHubLog } from '../../src/github/github-log.js';
import type { GitHubClient } from '../../src/github/octokit.js';
import { createOctokit } from '../../src/github/octokit.js';

export const API = 'https://api.github.com';

/** Installs nock for the calling test file and fails any test that made an unexpected request. */
export function useNock(): { unmatched: string[] } {
  const state = { unmatched: [] as string[] };
  const onNoMatch = (req: Request, results?: Array<{ reasons: unknown }>) => {
    state.unmatched.push(`${req.method} ${req.url} ${JSON.stringify(results?.map((r) => r.reasons) ?? [])}`);
  };
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    const stray = state.unmatched.splice(0);
    nock.cleanAll();
    expect(stray, 'requests no interceptor expected').toEqual([]);
  });
  afterAll(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.enableNetConnect();
  });
  return state;
}

/** A client that neither waits between retries nor paces writes. */
export function fastClient(log?: GitHubLog): GitHubClient {
  return createOctokit('ghs_test-token', {
    baseUrl: API,
    retryDelayMs: 0,
    throttle: false,
    ...(log ? { log } : {}),
  });
}

export interface RecordedLog extends GitHubLog {
  lines: string[];
  warnings: string[];
}

export function recordingLog(): RecordedLog {
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    warnings,
    debug: () => undefined,
    info: (m) => lines.push(m),
    warning: (m) => {
      warnings.push(m);
      lines.push(m);
    },
  };
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/github/${name}`, import.meta.url), 'utf8')) as T;
}
