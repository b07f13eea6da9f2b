import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/octokit.js';
import { API, recordingLog, useNock } from './github-test-support.js';

useNock();

const REPO = '/repos/acme/shop';

function client(log = recordingLog()) {
  return createOctokit('ghs_test-token', { baseUrl: API, retryDelayMs: 0, log });
}

describe('createOctokit', () => {
  it('retries a 502 and returns the answer that follows', async () => {
    const scope = nock(API)
      .get(REPO)
      .reply(502, 'Bad Gateway')
      .get(REPO)
      .reply(200, { full_name: 'acme/shop' });
    const { data } = await client().rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect(data.full_name).toBe('acme/shop');
    scope.done();
  });

  it('gives up on a server error after three retries', async () => {
    const scope = nock(API).get(REPO).times(4).reply(503, { message: 'Service Unavailable' });
    await expect(client().rest.repos.get({ owner: 'acme', repo: 'shop' })).rejects.toMatchObject({
      status: 503,
    });
    scope.done();
  });

  it.each([400, 401, 403, 404, 422])('does not retry a %i', async (status) => {
    const scope = nock(API).get(REPO).once().reply(status, { message: 'no' });
    await expect(client().rest.repos.get({ owner: 'acme', repo: 'shop' })).rejects.toMatchObject({ status });
    scope.done();
  });

  it('retries a 429', async () => {
    const scope = nock(API)
      .get(REPO)
      .reply(429, { message: 'Too Many Requests' })
      .get(REPO)
      .reply(200, { id: 1 });
    expect((await client().rest.repos.get({ owner: 'acme', repo: 'shop' })).data).toEqual({ id: 1 });
    scope.done();
  });

  it('retries a secondary rate limit and says so in the log', async () => {
    const log = recordingLog();
    const scope = nock(API)
      .get(REPO)
      .reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' })
      .get(REPO)
      .reply(200, { full_name: 'acme/shop' });
    const { data } = await client(log).rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect(data.full_name).toBe('acme/shop');
    expect(log.warnings.join('\n')).toMatch(/secondary rate limit for GET .*retrying in 1 s/);
    scope.done();
  });

  it('sends the token as the authorization header', async () => {
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_test-token' } })
      .get(REPO)
      .reply(200, {});
    await client().rest.repos.get({ owner: 'acme', repo: 'shop' });
    scope.done();
  });

  it('refuses an empty token with the input to set', () => {
    expect(() => createOctokit('  ')).toThrow(/github-token/);
  });
});
