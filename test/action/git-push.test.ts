import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEnv } from '../../src/action/github-env.js';
import {
  missingCommits,
  missingCommitsMessage,
  pushAuthEnvironment,
  pushHead,
  resolvePushTarget,
} from '../../src/action/git-push.js';
import { UsageError } from '../../src/errors.js';
import { cloneBranch, createOrigin, git, subjects } from './fixture-repo.js';

let root: string;
let origin: string;
let work: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tm-push-'));
  origin = createOrigin(root, { 'README.md': 'hi\n' });
  work = cloneBranch(origin, path.join(root, 'work'), 'feature');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function gh(over: Partial<GitHubEnv> = {}): GitHubEnv {
  return {
    eventName: 'push',
    event: {},
    owner: 'o',
    repo: 'r',
    runId: '1',
    runAttempt: '1',
    ref: 'refs/heads/feature',
    branch: 'feature',
    defaultBranch: 'main',
    workflowRef: '',
    workspace: work,
    serverUrl: 'https://github.com',
    runUrl: '',
    ...over,
  };
}
const on = { autoApply: true, push: true, pushToDefaultBranch: false };

function commit(dir: string, file: string): string {
  writeFileSync(path.join(dir, file), `${file}\n`);
  git(dir, 'add', file);
  git(dir, 'commit', '-q', '-m', `add ${file}`);
  return git(dir, 'rev-parse', 'HEAD');
}

describe('where commits are pushed', () => {
  it('pushes to the checked-out branch, and nowhere when push or auto-apply is off', async () => {
    expect(await resolvePushTarget(gh(), on, work)).toEqual({ branch: 'feature' });
    expect(await resolvePushTarget(gh(), { ...on, push: false }, work)).toBeNull();
    expect(await resolvePushTarget(gh(), { ...on, autoApply: false }, work)).toBeNull();
  });

  it('refuses the default branch unless push-to-default-branch allows it', async () => {
    const onMain = gh({ branch: 'main', ref: 'refs/heads/main' });
    await expect(resolvePushTarget(onMain, on, work)).rejects.toThrow(
      /Refusing to push to the default branch "main".*push-to-default-branch: true/,
    );
    expect(await resolvePushTarget(onMain, { ...on, pushToDefaultBranch: true }, work)).toEqual({
      branch: 'main',
    });
  });

  it('refuses a run with no branch (a tag) with the fix', async () => {
    const onTag = gh({ ref: 'refs/tags/v1' });
    delete onTag.branch;
    await expect(resolvePushTarget(onTag, on, work)).rejects.toThrow(UsageError);
    await expect(resolvePushTarget(onTag, on, work)).rejects.toThrow(
      /GITHUB_REF=refs\/tags\/v1.*`push: false`/,
    );
  });

  it("refuses a pull request's merge commit, accepts its head", async () => {
    const head = git(work, 'rev-parse', 'HEAD');
    const pr = (sha: string) =>
      gh({
        eventName: 'pull_request',
        event: { pull_request: { number: 3, head: { ref: 'feature', sha } } },
      });
    expect(await resolvePushTarget(pr(head), on, work)).toEqual({ branch: 'feature' });
    await expect(resolvePushTarget(pr('f'.repeat(40)), on, work)).rejects.toThrow(
      /ref: \$\{\{ github.head_ref \}\}/,
    );
  });
});

describe('pushing a task commit', () => {
  it('pushes HEAD to the branch', async () => {
    commit(work, 'a.txt');
    await pushHead(
      work,
      { branch: 'feature' },
      { token: undefined, serverUrl: 'https://github.com' },
      'task-1',
    );
    expect(subjects(origin, 'feature')[0]).toBe('add a.txt');
    expect(subjects(origin, 'main')[0]).toBe('Initial commit');
  });

  it('never forces: a branch that moved on is an error that says what happens next', async () => {
    const other = cloneBranch(origin, path.join(root, 'other'), 'feature');
    commit(other, 'theirs.txt');
    git(other, 'push', '-q', 'origin', 'feature');
    commit(work, 'ours.txt');
    await expect(
      pushHead(work, { branch: 'feature' }, { token: undefined, serverUrl: 'https://github.com' }, 'task-1'),
    ).rejects.toThrow(/Could not push the commit of task task-1 to feature: .*not recorded as completed/s);
    expect(subjects(origin, 'feature')[0]).toBe('add theirs.txt');
  });

  it('runs no repository hook: an agent-written .husky/pre-push set as core.hooksPath stays idle', async () => {
    const marks = path.join(root, 'marks');
    mkdirSync(marks);
    mkdirSync(path.join(work, '.husky'));
    for (const name of ['pre-push', 'reference-transaction', 'post-commit']) {
      writeFileSync(path.join(work, '.husky', name), `#!/bin/sh\ntouch "${marks}/ran-${name}"\n`, {
        mode: 0o755,
      });
    }
    commit(work, 'a.txt');
    git(work, 'config', 'core.hooksPath', '.husky');

    await pushHead(
      work,
      { branch: 'feature' },
      { token: undefined, serverUrl: 'https://github.com' },
      'task-1',
    );

    expect(subjects(origin, 'feature')[0]).toBe('add a.txt');
    expect(readdirSync(marks)).toEqual([]);
    // The hook is real: git's own push runs it.
    git(work, 'push', '-q', 'origin', 'HEAD:refs/heads/by-hand');
    expect(readdirSync(marks)).toContain('ran-pre-push');
  });

  it('brings its own credentials only when the checkout kept none', async () => {
    const auth = { token: 'ghs_secret123', serverUrl: 'https://github.com' };
    git(work, 'remote', 'set-url', 'origin', 'https://github.com/o/r.git');
    const env = await pushAuthEnvironment(work, auth);
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_secret123').toString('base64')}`,
    });
    git(work, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic persisted');
    expect(await pushAuthEnvironment(work, auth)).toEqual({});
    expect(await pushAuthEnvironment(work, { ...auth, token: undefined })).toEqual({});
  });
});

describe('state and code agree', () => {
  it('finds the commits a restored state claims but the checkout lacks', async () => {
    const sha = commit(work, 'a.txt');
    const lost = 'deadbeef'.repeat(5);
    const missing = await missingCommits(work, { 'task-1': sha, 'task-2': lost });
    expect(missing).toEqual([['task-2', lost]]);
    const message = missingCommitsMessage(missing, 'tm-feature-');
    expect(message).toContain('task-2: deadbeefdead');
    expect(message).toMatch(/push failed .*reset or force-pushed/s);
    expect(message).toContain('`state-key: tm-feature-fresh`');
  });
});
