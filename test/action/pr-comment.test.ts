import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunComment } from '../../src/action/pr-comment.js';
import { buildRunView } from '../../src/action/run-view.js';
import { createOctokit } from '../../src/github/octokit.js';
import { initialState } from '../../src/state/run-state.js';

const API = 'https://api.github.test';
const COMMENTS = '/repos/octo/widgets/issues/7/comments';
const TASKS = [{ id: 'task-1', title: 'Write a' }];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function setup() {
  let now = 0;
  const warnings: string[] = [];
  const log = { debug: () => undefined, info: () => undefined, warning: (m: string) => warnings.push(m) };
  const octokit = createOctokit('ghs_comment_token', { baseUrl: API, retryDelayMs: 0, throttle: false });
  const target = { owner: 'octo', repo: 'widgets', issue_number: 7, key: 'tm-feature-' };
  const comment = new RunComment(
    octokit,
    target,
    'https://github.com/octo/widgets/actions/runs/1',
    log,
    () => now,
  );
  return { comment, warnings, at: (ms: number) => (now = ms) };
}

const running = buildRunView(initialState('tasks.yml', TASKS, new Date(0)), TASKS);
function done() {
  const state = initialState('tasks.yml', TASKS, new Date(0));
  Object.assign(state, { status: 'completed', completed_task_ids: ['task-1'] });
  return buildRunView(state, TASKS);
}

describe('the run comment', () => {
  it('creates the comment, skips updates closer than the throttle, and always writes the final one', async () => {
    const bodies: string[] = [];
    const scope = nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [])
      .post(COMMENTS, (b: { body: string }) => bodies.push(b.body) > 0)
      .reply(201, { id: 11, html_url: 'u' })
      .get(COMMENTS)
      .query(true)
      .reply(200, [{ id: 11, body: '<!-- taskmaster:tm-feature- -->\nold' }])
      .patch('/repos/octo/widgets/issues/comments/11', (b: { body: string }) => bodies.push(b.body) > 0)
      .reply(200, { id: 11, html_url: 'u' });
    const { comment, at, warnings } = setup();
    comment.progress(running);
    at(5_000);
    comment.progress(running);
    await comment.finish(done());
    // A late progress update (its state read before the end) must not overwrite the final comment.
    at(60_000);
    comment.progress(running);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(warnings).toEqual([]);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('<!-- taskmaster:tm-feature- -->');
    expect(bodies[0]).toMatch(/running/);
    expect(bodies[1]).toMatch(/completed/);
    expect(scope.isDone()).toBe(true);
  });

  it('a refused write is one warning with the permission to grant, never an error', async () => {
    nock(API).get(COMMENTS).query(true).reply(403, { message: 'Resource not accessible by integration' });
    const { comment, warnings } = setup();
    comment.progress(running);
    await comment.finish(done());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Could not update the pull request comment: .*pull-requests: write/);
  });
});
