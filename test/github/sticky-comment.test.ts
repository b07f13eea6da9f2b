import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  capCommentBody,
  MAX_COMMENT_LENGTH,
  stickyMarker,
  upsertStickyComment,
} from '../../src/github/sticky-comment.js';
import { API, fastClient, useNock } from './github-test-support.js';

useNock();

const COMMENTS = '/repos/acme/shop/issues/42/comments';
const target = { owner: 'acme', repo: 'shop', issue_number: 42, key: 'tasks.yml', body: 'Progress: 1 of 3' };

function comments(from: number, count: number, extra: Array<{ id: number; body: string }> = []) {
  const list = Array.from({ length: count }, (_, i) => ({ id: from + i, body: `comment ${from + i}` }));
  return [...list, ...extra];
}

describe('upsertStickyComment', () => {
  it('creates the comment, with the marker, when none carries it', async () => {
    let posted = '';
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, comments(1, 3))
      .post(COMMENTS, (b: { body: string }) => ((posted = b.body), true))
      .reply(201, { id: 77, html_url: 'https://github.com/acme/shop/pull/42#issuecomment-77' });
    const result = await upsertStickyComment(fastClient(), target);
    expect(result).toEqual({
      id: 77,
      url: 'https://github.com/acme/shop/pull/42#issuecomment-77',
      created: true,
    });
    expect(posted).toBe('<!-- taskmaster:tasks.yml -->\nProgress: 1 of 3');
    scope.done();
  });

  it('updates the comment found on page 2, written by anyone, and reads no further', async () => {
    const marked = { id: 150, body: '<!-- taskmaster:tasks.yml -->\nold progress' };
    const page2 = `${API}${COMMENTS}?per_page=100&page=2`;
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, comments(1, 100), {
        link: `<${page2}>; rel="next", <${API}${COMMENTS}?per_page=100&page=3>; rel="last"`,
      })
      .get(COMMENTS)
      .query({ per_page: '100', page: '2' })
      .reply(200, comments(101, 40, [marked]), {
        link: `<${API}${COMMENTS}?per_page=100&page=3>; rel="next"`,
      })
      .patch('/repos/acme/shop/issues/comments/150', {
        body: '<!-- taskmaster:tasks.yml -->\nProgress: 1 of 3',
      })
      .reply(200, { id: 150, html_url: 'https://github.com/acme/shop/pull/42#issuecomment-150' });
    const result = await upsertStickyComment(fastClient(), target);
    expect(result).toMatchObject({ id: 150, created: false });
    scope.done();
  });

  it('keeps one comment per run key: another key does not match', async () => {
    const other = { id: 5, body: '<!-- taskmaster:other.yml -->\nother run' };
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, [other])
      .post(COMMENTS)
      .reply(201, { id: 6, html_url: 'u' });
    expect((await upsertStickyComment(fastClient(), target)).created).toBe(true);
    scope.done();
  });

  it('caps a huge body below GitHub’s limit', async () => {
    let posted = '';
    const scope = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, [])
      .post(COMMENTS, (b: { body: string }) => ((posted = b.body), true))
      .reply(201, { id: 8, html_url: 'u' });
    await upsertStickyComment(fastClient(), { ...target, body: `HEAD\n${'x'.repeat(100_000)}\nTAIL` });
    expect(posted.length).toBeLessThan(65_536);
    expect(posted.startsWith('<!-- taskmaster:tasks.yml -->\nHEAD')).toBe(true);
    expect(posted.endsWith('TAIL')).toBe(true);
    scope.done();
  });
});

describe('stickyMarker and capCommentBody', () => {
  it('keeps a key from closing the HTML comment early', () => {
    expect(stickyMarker('a --> b')).toBe('<!-- taskmaster:a_-__b -->');
    expect(stickyMarker('feature/auth:tasks.yml')).toBe('<!-- taskmaster:feature/auth:tasks.yml -->');
    expect(() => stickyMarker('')).toThrow(/non-empty run key/);
  });

  it('cuts the middle and says how much', () => {
    const body = `start ${'m'.repeat(70_000)} end`;
    const capped = capCommentBody(body);
    expect(capped.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(capped.startsWith('start mmm')).toBe(true);
    expect(capped.endsWith('mmm end')).toBe(true);
    const note = /\n\n… ([\d,]+) characters cut to fit a GitHub comment …\n\n/.exec(capped);
    const cut = Number(note?.[1]?.replace(/,/g, ''));
    expect(capped.length - (note?.[0].length ?? 0) + cut).toBe(body.length);
  });

  it('leaves a body under the limit alone', () => {
    expect(capCommentBody('short')).toBe('short');
  });
});
