import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { findPullRequestForBranch } from '../../src/github/pull-request.js';
import { API, fastClient, useNock } from './github-test-support.js';

useNock();

function pr(number: number, ref: string, repo: string) {
  return {
    number,
    html_url: `https://github.com/acme/shop/pull/${number}`,
    head: { ref, repo: { full_name: repo } },
  };
}

describe('findPullRequestForBranch', () => {
  it('finds the open PR whose head is the branch of this repository', async () => {
    const scope = nock(API)
      .get('/repos/acme/shop/pulls')
      .query({ state: 'open', head: 'acme:feature/auth', per_page: '10' })
      .reply(200, [pr(42, 'feature/auth', 'acme/shop')]);
    expect(await findPullRequestForBranch(fastClient(), 'acme', 'shop', 'feature/auth')).toEqual({
      number: 42,
      url: 'https://github.com/acme/shop/pull/42',
    });
    scope.done();
  });

  it('finds none when only a fork has a branch of that name', async () => {
    const scope = nock(API)
      .get('/repos/acme/shop/pulls')
      .query({ state: 'open', head: 'acme:feature/auth', per_page: '10' })
      .reply(200, [pr(43, 'feature/auth', 'mallory/shop')]);
    expect(await findPullRequestForBranch(fastClient(), 'acme', 'shop', 'feature/auth')).toBeUndefined();
    scope.done();
  });

  it('finds none when the branch has no open PR', async () => {
    const scope = nock(API)
      .get('/repos/acme/shop/pulls')
      .query({ state: 'open', head: 'acme:main', per_page: '10' })
      .reply(200, []);
    expect(await findPullRequestForBranch(fastClient(), 'acme', 'shop', 'main')).toBeUndefined();
    scope.done();
  });
});
