import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { IssueCommentPayload } from '../../src/github/comment-command.js';
import { handleCommentCommand } from '../../src/github/comment-command.js';
import { API, fastClient, fixture, recordingLog, useNock } from './github-test-support.js';

useNock();

const WORKFLOW_REF = 'acme/shop/.github/workflows/taskmaster.yml@refs/heads/main';
const COMMENT = '/repos/acme/shop/issues/comments/9001/reactions';
const DISPATCH = '/repos/acme/shop/actions/workflows/taskmaster.yml/dispatches';
const REPLY = '/repos/acme/shop/issues/42/comments';

function event(change: (e: IssueCommentPayload & Record<string, unknown>) => void = () => undefined) {
  const e = fixture<IssueCommentPayload & Record<string, unknown>>('issue-comment-created.json');
  change(e);
  return e;
}

function withBody(body: string, user = { login: 'bob', type: 'User' }) {
  return event((e) => {
    if (e.comment) Object.assign(e.comment, { body, user });
  });
}

function opts(extra: Partial<Parameters<typeof handleCommentCommand>[2]> = {}) {
  return { allowedBots: [], workflowRef: WORKFLOW_REF, dispatchDepth: 0, ...extra };
}

function permission(user: string, permission: string, role_name = permission) {
  return nock(API)
    .get(`/repos/acme/shop/collaborators/${encodeURIComponent(user)}/permission`)
    .reply(200, { permission, role_name, user: { login: user } });
}

function pullRequest(change: (pr: Record<string, unknown>) => void = () => undefined) {
  const pr = fixture<Record<string, unknown>>('pull-request-42.json');
  change(pr);
  return nock(API).get('/repos/acme/shop/pulls/42').reply(200, pr);
}

function reactions(...contents: string[]) {
  const scope = nock(API);
  for (const content of contents) scope.post(COMMENT, { content }).reply(201, { id: 1, content });
  return scope;
}

function dispatch(inputs: Record<string, string>, ref = 'feature/auth') {
  return nock(API).post(DISPATCH, { ref, inputs }).reply(204);
}

function reply(match: RegExp) {
  let body = '';
  const scope = nock(API)
    .post(REPLY, (b: { body: string }) => {
      body = b.body;
      return match.test(b.body);
    })
    .reply(201, { id: 7, html_url: 'https://github.com/acme/shop/pull/42#issuecomment-7' });
  return { scope, body: () => body };
}

describe('handleCommentCommand: dispatching', () => {
  it("dispatches a write user's skip on the PR head branch and reacts eyes, then rocket", async () => {
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', 'rocket'),
      pullRequest(),
      dispatch({ command: 'skip', 'task-id': 'task-2', 'dispatch-depth': '1', 'pr-number': '42' }),
    ];
    const log = recordingLog();
    const result = await handleCommentCommand(fastClient(), event(), { ...opts(), log });
    expect(result).toMatchObject({
      kind: 'dispatched',
      workflow: 'taskmaster.yml',
      ref: 'feature/auth',
      inputs: { command: 'skip', 'task-id': 'task-2', 'dispatch-depth': '1', 'pr-number': '42' },
    });
    for (const s of scopes) s.done();
    expect(log.lines.join('\n')).toContain('Dispatched taskmaster.yml on feature/auth: skip task-2');
  });

  it.each([
    ['maintain', 'write', 'maintain'],
    ['admin', 'admin', 'admin'],
  ])('lets a %s user act', async (_label, perm, role) => {
    const scopes = [
      permission('bob', perm, role),
      reactions('eyes', 'rocket'),
      pullRequest(),
      dispatch({ command: 'resume', 'dispatch-depth': '1', 'pr-number': '42' }),
    ];
    const result = await handleCommentCommand(fastClient(), withBody('/taskmaster resume'), opts());
    expect(result.kind).toBe('dispatched');
    for (const s of scopes) s.done();
  });

  it('sends no task-id for a retry without one and counts the dispatch depth up', async () => {
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', 'rocket'),
      pullRequest(),
      dispatch({ command: 'retry', 'dispatch-depth': '4', 'pr-number': '42' }),
    ];
    const result = await handleCommentCommand(
      fastClient(),
      withBody('/taskmaster retry'),
      opts({ dispatchDepth: 3 }),
    );
    expect(result).toMatchObject({ kind: 'dispatched', inputs: { command: 'retry', 'dispatch-depth': '4' } });
    expect(result.kind === 'dispatched' && 'task-id' in result.inputs).toBe(false);
    for (const s of scopes) s.done();
  });

  it('lets a bot listed in allowed-bots act, with or without the [bot] suffix', async () => {
    for (const listed of ['renovate[bot]', 'Renovate']) {
      const scopes = [
        reactions('eyes', 'rocket'),
        pullRequest(),
        dispatch({ command: 'abort', 'dispatch-depth': '1', 'pr-number': '42' }),
      ];
      const body = withBody('/taskmaster abort', { login: 'renovate[bot]', type: 'Bot' });
      const result = await handleCommentCommand(fastClient(), body, opts({ allowedBots: [listed] }));
      expect(result.kind).toBe('dispatched');
      for (const s of scopes) s.done();
    }
  });
});

describe('handleCommentCommand: ignoring', () => {
  it('ignores a read-only user: no reaction, no reply, no dispatch', async () => {
    const scope = permission('bob', 'read');
    const result = await handleCommentCommand(fastClient(), event(), opts());
    expect(result).toMatchObject({ kind: 'ignored', reason: 'permission-too-low' });
    expect(result.message).toContain('@bob has read permission');
    scope.done();
  });

  it('ignores a user who is not a collaborator (404)', async () => {
    const scope = nock(API)
      .get('/repos/acme/shop/collaborators/bob/permission')
      .reply(404, { message: 'Not Found' });
    const result = await handleCommentCommand(fastClient(), event(), opts());
    expect(result).toMatchObject({ kind: 'ignored', reason: 'permission-too-low' });
    scope.done();
  });

  it('ignores a triage user even though triage sounds like a role', async () => {
    const scope = permission('bob', 'read', 'triage');
    const result = await handleCommentCommand(fastClient(), event(), opts());
    expect(result.kind).toBe('ignored');
    scope.done();
  });

  it('ignores an unlisted bot without asking the API, and wildcards list no bot', async () => {
    const body = withBody('/taskmaster skip task-2', { login: 'evil-app[bot]', type: 'Bot' });
    const log = recordingLog();
    const result = await handleCommentCommand(fastClient(), body, {
      ...opts({ allowedBots: ['*', 'renovate'] }),
      log,
    });
    expect(result).toMatchObject({ kind: 'ignored', reason: 'bot-not-allowed' });
    expect(log.warnings.join('\n')).toContain('does not accept wildcards');
  });

  it('ignores a bot whose name only starts like a listed one', async () => {
    const body = withBody('/taskmaster skip task-2', { login: 'renovate-fork[bot]', type: 'Bot' });
    const result = await handleCommentCommand(fastClient(), body, opts({ allowedBots: ['renovate'] }));
    expect(result).toMatchObject({ kind: 'ignored', reason: 'bot-not-allowed' });
  });

  it('ignores an edited comment, by action, by changes and by timestamps', async () => {
    const edited = [
      event((e) => Object.assign(e, { action: 'edited', changes: { body: { from: 'hi' } } })),
      event((e) => Object.assign(e, { changes: { body: { from: 'hi' } } })),
      event((e) => e.comment && Object.assign(e.comment, { updated_at: '2026-11-26T10:05:00Z' })),
    ];
    const reasons = [];
    for (const e of edited) {
      const result = await handleCommentCommand(fastClient(), e, opts());
      reasons.push(result.kind === 'ignored' ? result.reason : result.kind);
    }
    expect(reasons).toEqual(['not-created', 'edited', 'edited']);
  });

  it('ignores a comment on an issue that is not a pull request', async () => {
    const e = event((p) => p.issue && delete p.issue.pull_request);
    expect(await handleCommentCommand(fastClient(), e, opts())).toMatchObject({
      kind: 'ignored',
      reason: 'not-pull-request',
    });
  });

  it('ignores comments without a command, and TaskMaster’s own comments that show the commands', async () => {
    const plain = await handleCommentCommand(fastClient(), withBody('LGTM, ship it'), opts());
    const own = withBody('<!-- taskmaster-reply -->\n/taskmaster skip task-2');
    expect(plain).toMatchObject({ kind: 'ignored', reason: 'no-command' });
    expect(await handleCommentCommand(fastClient(), own, opts())).toMatchObject({ reason: 'own-comment' });
  });
});

describe('handleCommentCommand: refusing with a reply', () => {
  it('refuses a fork head with a reply and a thumbs-down, and dispatches nothing', async () => {
    const r = reply(/fork `mallory\/shop`.*secrets/s);
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', '-1'),
      pullRequest((pr) => {
        (pr.head as { repo: { full_name: string } }).repo.full_name = 'mallory/shop';
      }),
    ];
    const result = await handleCommentCommand(fastClient(), event(), opts());
    expect(result).toMatchObject({ kind: 'refused', reason: 'fork-head' });
    expect(r.body()).toMatch(/^<!-- taskmaster-reply -->\n@bob /);
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('treats a deleted fork (head repo null) as a fork', async () => {
    const r = reply(/deleted fork/);
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', '-1'),
      pullRequest((pr) => Object.assign(pr.head as object, { repo: null })),
    ];
    expect(await handleCommentCommand(fastClient(), event(), opts())).toMatchObject({ reason: 'fork-head' });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('answers an unknown command with the usage, without looking up the PR', async () => {
    const r = reply(
      /Unknown command `deploy`[\s\S]*`\/taskmaster retry \[task-id\]`[\s\S]*`\/taskmaster resume`/,
    );
    const scopes = [permission('bob', 'write'), reactions('eyes', '-1')];
    const result = await handleCommentCommand(fastClient(), withBody('/taskmaster deploy'), opts());
    expect(result).toMatchObject({ kind: 'refused', reason: 'unknown-command' });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('refuses at the dispatch depth cap so chains of re-dispatches end', async () => {
    const r = reply(/chain of 5 re-dispatched runs \(the limit is 5\)/);
    const scopes = [permission('bob', 'write'), reactions('eyes', '-1')];
    const result = await handleCommentCommand(
      fastClient(),
      event(),
      opts({ dispatchDepth: 5, maxDispatchDepth: 5 }),
    );
    expect(result).toMatchObject({ kind: 'refused', reason: 'depth-cap' });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('refuses by default at depth 20', async () => {
    const r = reply(/the limit is 20/);
    const scopes = [permission('bob', 'write'), reactions('eyes', '-1')];
    expect(await handleCommentCommand(fastClient(), event(), opts({ dispatchDepth: 20 }))).toMatchObject({
      reason: 'depth-cap',
    });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('refuses a closed pull request', async () => {
    const r = reply(/#42 is closed/);
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', '-1'),
      pullRequest((pr) => (pr.state = 'closed')),
    ];
    expect(await handleCommentCommand(fastClient(), event(), opts())).toMatchObject({
      reason: 'closed-pull-request',
    });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('explains a dispatch the workflow does not accept (undeclared inputs)', async () => {
    const r = reply(/must declare `command`, `task-id`, `dispatch-depth` and `pr-number`/);
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', '-1'),
      pullRequest(),
      nock(API)
        .post(DISPATCH)
        .reply(422, { message: 'Unexpected inputs provided: ["dispatch-depth", "pr-number"]' }),
    ];
    const result = await handleCommentCommand(fastClient(), event(), opts());
    expect(result).toMatchObject({ kind: 'refused', reason: 'dispatch-failed' });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('explains a token without actions: write', async () => {
    const r = reply(/permissions: actions: write/);
    const scopes = [
      permission('bob', 'write'),
      reactions('eyes', '-1'),
      pullRequest(),
      nock(API).post(DISPATCH).reply(403, { message: 'Resource not accessible by integration' }),
    ];
    expect(await handleCommentCommand(fastClient(), event(), opts())).toMatchObject({
      reason: 'dispatch-failed',
    });
    for (const s of [...scopes, r.scope]) s.done();
  });

  it('still dispatches when a reaction cannot be added, and logs a warning', async () => {
    const log = recordingLog();
    const scopes = [
      permission('bob', 'write'),
      nock(API).post(COMMENT).reply(403, { message: 'Resource not accessible by integration' }),
      pullRequest(),
      dispatch({ command: 'skip', 'task-id': 'task-2', 'dispatch-depth': '1', 'pr-number': '42' }),
      reactions('rocket'),
    ];
    const result = await handleCommentCommand(fastClient(), event(), { ...opts(), log });
    expect(result.kind).toBe('dispatched');
    expect(log.warnings.join('\n')).toContain('Could not add the eyes reaction');
    for (const s of scopes) s.done();
  });
});

describe('handleCommentCommand: bad set-up', () => {
  it('rejects a workflow ref without a workflow file before calling the API', async () => {
    await expect(
      handleCommentCommand(fastClient(), event(), opts({ workflowRef: 'acme/shop@main' })),
    ).rejects.toThrow(/Invalid workflow ref 'acme\/shop@main'.*\.github\/workflows/);
  });

  it('rejects a negative dispatch depth', async () => {
    await expect(handleCommentCommand(fastClient(), event(), opts({ dispatchDepth: -1 }))).rejects.toThrow(
      /dispatch depth -1/,
    );
  });

  it('says what is wrong when the permission look-up fails', async () => {
    nock(API).get('/repos/acme/shop/collaborators/bob/permission').reply(401, { message: 'Bad credentials' });
    await expect(handleCommentCommand(fastClient(), event(), opts())).rejects.toThrow(
      /Could not read @bob's permission on acme\/shop: Bad credentials/,
    );
  });
});
