/**
 * End to end (slow): the BUILT action (`dist/index.js` from ncc) run as the runner runs it, against
 * loopback fakes of the cache and artifact services, the GitHub API and the model API, in real git
 * repositories with a bare origin to push to.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeActionsServices,
  type FakeActionsServices,
  type FakeCacheEntry,
} from '../support/fake-actions-services.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../support/fake-github-api.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { actionBundle } from './action-bundle.js';
import { cloneBranch, createOrigin, subjects, taskmasterFiles } from './fixture-repo.js';
import { runStep, startStep, type JobSetup, type StepResult } from './step-runner.js';

const ANTHROPIC_KEY = 'sk-ant-api03-TESTSECRET-0123456789abcdef';
const GITHUB_TOKEN = 'ghs_TESTTOKEN_abcdefghijklmnop0123';
const REPO = { owner: 'octo', repo: 'widgets' };
/** Each step starts a 13 MB bundle and real git, hooks and tar: generous on a busy machine. */
const SLOW = 240_000;

let bundle: string;
let root: string;
let services: FakeActionsServices;
let api: FakeGitHubApi;
let model: FakeModelServer;

beforeAll(async () => {
  bundle = actionBundle();
  root = mkdtempSync(path.join(tmpdir(), 'tm-action-e2e-'));
  services = await startFakeActionsServices();
  api = await startFakeGitHubApi(REPO);
  model = await startFakeModelServer();
}, 20 * 60_000);

afterAll(async () => {
  await Promise.all([services?.close(), api?.close(), model?.close()]);
  if (root) rmSync(root, { recursive: true, force: true });
});

function job(name: string, workspace: string, over: Partial<JobSetup>): JobSetup {
  return {
    workspace,
    runnerDir: path.join(root, `${name}-runner`),
    eventName: 'push',
    event: {
      ref: 'refs/heads/feature',
      repository: { name: REPO.repo, owner: { login: REPO.owner }, default_branch: 'main' },
    },
    runId: '1001',
    ref: 'refs/heads/feature',
    repository: `${REPO.owner}/${REPO.repo}`,
    apiUrl: api.url,
    resultsUrl: services.url,
    runtimeToken: services.runtimeToken,
    githubToken: GITHUB_TOKEN,
    inputs: { 'anthropic-api-key': ANTHROPIC_KEY, 'max-wait-seconds': '0' },
    ...over,
  };
}

const writeFile = (file: string, content: string) => ({
  toolCalls: [{ name: 'write_file', input: { path: file, content } }],
});
const finish = { toolCalls: [{ name: 'finish', input: { summary: 'done' } }] };

/** state.json inside a cache entry's archive. */
function stateIn(entry: FakeCacheEntry | undefined): Record<string, unknown> {
  if (!entry) throw new Error('no cache entry');
  const dir = mkdtempSync(path.join(root, 'entry-'));
  writeFileSync(path.join(dir, 'cache.tzst'), entry.data);
  execFileSync('tar', ['-xf', 'cache.tzst', '-P', '--use-compress-program', 'unzstd'], { cwd: dir });
  return JSON.parse(readFileSync(path.join(dir, '.taskmaster', 'state.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Every file under `dir`, recursively (git's own objects excluded: they are compressed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'objects' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the built action across two jobs', () => {
  const results: StepResult[] = [];
  let origin: string;

  it(
    'job 1 completes a task, pushes it and pauses on a long retry-after; job 2 restores and finishes',
    async () => {
      origin = createOrigin(path.join(root, 'two-jobs'), taskmasterFiles(model.baseUrl));
      api.pulls.push({ number: 7, head: 'feature' });
      model.anthropic.reply(writeFile('a.txt', 'a\n')).reply(finish).rateLimit(120);

      const job1 = job('job1', cloneBranch(origin, path.join(root, 'job1'), 'feature'), {});
      const main1 = await runStep(bundle, job1);
      results.push(main1);
      expect(main1.code, main1.stdout + main1.stderr).toBe(0);
      const prefix = main1.outputs['state-key'] ?? '';
      expect(prefix).toMatch(/^taskmaster-[0-9a-f]{8}-feature-$/);
      expect(main1.outputs).toMatchObject({
        status: 'paused',
        completed: '1',
        total: '3',
        'current-task': 'task-2',
      });
      expect(Date.parse(main1.outputs['resume-at'] ?? '') - Date.now()).toBeGreaterThan(60_000);
      expect(main1.outputs['artifact-id']).toMatch(/^\d+$/);
      expect(Number(main1.outputs['tokens-used'])).toBeGreaterThan(0);
      expect(subjects(origin, 'feature')[0]).toBe('taskmaster(task-1): Write a');
      expect(services.cache.map((e) => e.key)).toEqual([`${prefix}1001-1-1`]);
      expect(stateIn(services.newestEntry(prefix))).toMatchObject({
        status: 'paused',
        completed_task_ids: ['task-1'],
      });
      expect(main1.summary).toContain('Run paused');
      expect(main1.summary).toMatch(/\| 1 \| `task-1` \| Write a \| ✅ completed \| 1 \|/);
      expect(main1.summary).toContain('resumes after');
      expect(main1.summary).toMatch(/Requests this hour \| 3 \/ 100/);
      expect(api.comments).toHaveLength(1);
      expect(api.comments[0]?.body).toContain(`<!-- taskmaster:${prefix}`);
      expect(api.comments[0]?.body).toMatch(/paused/);

      const post1 = await runStep(bundle, job1, main1.state);
      results.push(post1);
      expect(post1.code).toBe(0);
      expect(post1.stdout).toContain('nothing left to do');
      expect(services.cache).toHaveLength(1);

      // What the scheduled resume dispatches: no command. The run is still paused, so nothing runs.
      const calls = model.anthropic.requests.length;
      const early = job('early', cloneBranch(origin, path.join(root, 'early'), 'feature'), {
        eventName: 'workflow_dispatch',
        event: { inputs: {}, ref: 'feature', repository: { default_branch: 'main' } },
        runId: '1002',
      });
      const main1b = await runStep(bundle, early);
      results.push(main1b);
      expect(main1b.code, main1b.stdout + main1b.stderr).toBe(0);
      expect(main1b.outputs).toMatchObject({
        status: 'paused',
        completed: '1',
        'resume-at': main1.outputs['resume-at'],
      });
      expect(main1b.stdout).toContain('nothing to do before then');
      expect(model.anthropic.requests).toHaveLength(calls);

      model.anthropic
        .reply(writeFile('b.txt', 'b\n'))
        .reply(finish)
        .reply(writeFile('c.txt', 'c\n'))
        .reply(finish);
      const job2 = job('job2', cloneBranch(origin, path.join(root, 'job2'), 'feature'), {
        eventName: 'workflow_dispatch',
        event: {
          inputs: { command: 'resume', 'pr-number': '7' },
          ref: 'feature',
          repository: { default_branch: 'main' },
        },
        runId: '1003',
        inputs: {
          'anthropic-api-key': ANTHROPIC_KEY,
          'max-wait-seconds': '0',
          command: 'resume',
          'pr-number': '7',
        },
      });
      const main2 = await runStep(bundle, job2);
      results.push(main2);
      expect(main2.code, main2.stdout + main2.stderr).toBe(0);
      expect(main2.stdout).toContain(`Restored the run state from cache entry ${prefix}1002-1-1`);
      expect(main2.outputs).toMatchObject({
        status: 'completed',
        completed: '3',
        total: '3',
        'current-task': '',
        'resume-at': '',
      });
      expect(main2.outputs['state-key']).toBe(prefix);
      expect(subjects(origin, 'feature').slice(0, 3)).toEqual([
        'taskmaster(task-3): Write c',
        'taskmaster(task-2): Write b',
        'taskmaster(task-1): Write a',
      ]);
      expect(services.newestEntry(prefix)?.key).toBe(`${prefix}1003-1-1`);
      expect(stateIn(services.newestEntry(prefix))).toMatchObject({
        status: 'completed',
        completed_task_ids: ['task-1', 'task-2', 'task-3'],
      });
      expect(main2.summary).toContain('Run complete');
      expect(main2.summary).toContain('3 of 3 tasks completed');
      expect(api.comments).toHaveLength(1);
      expect(api.comments[0]?.body).toMatch(/completed/);
      expect(services.artifacts.map((a) => a.name)).toEqual([
        'taskmaster-logs-1001-1',
        'taskmaster-logs-1002-1',
        'taskmaster-logs-1003-1',
      ]);
      results.push(await runStep(bundle, job2, main2.state));
    },
    SLOW,
  );

  it(
    'no key or token appears in anything written or sent',
    () => {
      const secrets = [ANTHROPIC_KEY, GITHUB_TOKEN, services.runtimeToken];
      const texts: Array<[string, string]> = [];
      for (const r of results) {
        // `::add-mask::<value>` is how a step asks the runner to mask; the runner never shows that line.
        const shown = (r.stdout + r.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
        texts.push(
          ['step log', shown.join('\n')],
          ['summary', r.summary],
          ['outputs', JSON.stringify(r.outputs)],
          ['state', JSON.stringify(r.state)],
        );
      }
      const notAuth = (headers: Record<string, string>) =>
        JSON.stringify({ ...headers, authorization: undefined });
      for (const r of services.requests)
        texts.push([`service ${r.url}`, r.url + notAuth(r.headers) + r.body.toString('latin1')]);
      for (const r of api.requests) texts.push([`github ${r.url}`, r.url + notAuth(r.headers) + r.body]);
      for (const r of model.requests)
        texts.push([`model ${r.path}`, notAuth(r.headers) + JSON.stringify(r.body)]);
      for (const a of services.artifacts) texts.push([`artifact ${a.name}`, unzipAll(a.data)]);
      for (const dir of [
        'job1',
        'job2',
        'job1-runner',
        'early-runner',
        'job2-runner',
        'two-jobs/origin.git',
      ]) {
        for (const file of filesUnder(path.join(root, dir))) texts.push([file, readFileSync(file, 'latin1')]);
      }
      expect(readFileSync(path.join(root, 'job1', 'hook-env.txt'), 'utf8')).toContain(
        'GITHUB_REPOSITORY=octo/widgets',
      );
      for (const [where, text] of texts) {
        for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
      }
      // Each credential went only where it belongs.
      expect(api.requests.every((r) => r.headers.authorization === `token ${GITHUB_TOKEN}`)).toBe(true);
      expect(model.requests.every((r) => !JSON.stringify(r.headers).includes(GITHUB_TOKEN))).toBe(true);
    },
    SLOW,
  );
});

describe('a cancelled main step', () => {
  it(
    'on SIGINT stops the hook, saves the state to the cache and reports interrupted',
    async () => {
      const dir = path.join(root, 'sigint');
      const origin = createOrigin(dir, taskmasterFiles(model.baseUrl, ['slow']));
      model.anthropic.reply(writeFile('a.txt', 'a\n')).reply(finish);
      const setup = job('sigint', cloneBranch(origin, path.join(dir, 'work'), 'feature'), {
        runId: '2001',
        inputs: { 'anthropic-api-key': ANTHROPIC_KEY, 'state-key': 'sigint-run' },
      });
      const step = startStep(bundle, setup);
      await waitFor(() => existsSync(path.join(dir, 'hook-started')), 60_000);
      const signalled = Date.now();
      step.child.kill('SIGINT');
      const main = await step.done;
      expect(Date.now() - signalled).toBeLessThan(7_000);
      expect(main.code).toBe(1);
      expect(main.outputs).toMatchObject({ status: 'interrupted', completed: '1', 'current-task': 'task-2' });
      const prefix = main.outputs['state-key'] ?? '';
      expect(prefix).toBe('sigint-run-');
      expect(services.newestEntry(prefix)?.key).toBe(`${prefix}2001-1-1`);
      expect(stateIn(services.newestEntry(prefix))).toMatchObject({
        status: 'paused',
        pause_reason: 'interrupted',
        completed_task_ids: ['task-1'],
      });
      const post = await runStep(bundle, setup, main.state);
      expect(post.stdout).toContain('nothing left to do');
    },
    SLOW,
  );

  it(
    'killed outright, leaves the saving to the post step',
    async () => {
      const dir = path.join(root, 'sigkill');
      const origin = createOrigin(dir, taskmasterFiles(model.baseUrl, ['slow']));
      model.anthropic.reply(writeFile('a.txt', 'a\n')).reply(finish);
      const setup = job('sigkill', cloneBranch(origin, path.join(dir, 'work'), 'feature'), {
        runId: '3001',
        inputs: { 'anthropic-api-key': ANTHROPIC_KEY, 'state-key': 'sigkill-run' },
      });
      const step = startStep(bundle, setup);
      await waitFor(() => existsSync(path.join(dir, 'hook-started')), 60_000);
      step.child.kill('SIGKILL');
      const main = await step.done;
      const prefix = main.state.stateKey ?? '';
      expect(prefix).toBe('sigkill-run-');
      expect(services.newestEntry(prefix)).toBeUndefined();

      const post = await runStep(bundle, setup, main.state);
      expect(post.code).toBe(0);
      expect(post.stdout).toContain('the main step ended early');
      expect(services.newestEntry(prefix)?.key).toBe(`${prefix}3001-1-2`);
      expect(stateIn(services.newestEntry(prefix))).toMatchObject({ completed_task_ids: ['task-1'] });
      expect(services.artifacts.some((a) => a.name === 'taskmaster-logs-3001-1')).toBe(true);
    },
    SLOW,
  );
});

describe('a comment command', () => {
  it(
    "re-dispatches a write user's skip on the pull request's head branch, and never touches the cache",
    async () => {
      api.permissions.alice = 'write';
      if (!api.pulls.some((p) => p.number === 7)) api.pulls.push({ number: 7, head: 'feature' });
      const serviceCalls = services.requests.length;
      const stamp = '2026-11-01T10:00:00Z';
      const event = {
        action: 'created',
        issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/octo/widgets/pulls/7' } },
        comment: {
          id: 4242,
          body: 'Not worth more attempts.\n/taskmaster skip task-2',
          created_at: stamp,
          updated_at: stamp,
          user: { login: 'alice', type: 'User' },
        },
        repository: { name: REPO.repo, owner: { login: REPO.owner }, default_branch: 'main' },
      };
      // A comment run needs no checkout.
      const setup = job('comment', mkdtempSync(path.join(root, 'comment-')), {
        eventName: 'issue_comment',
        event,
        runId: '4001',
        ref: 'refs/heads/main',
      });
      const main = await runStep(bundle, setup);
      expect(main.code, main.stdout + main.stderr).toBe(0);
      expect(main.outputs.status).toBe('dispatched');
      expect(api.dispatches).toEqual([
        {
          workflow: 'taskmaster.yml',
          ref: 'feature',
          inputs: { command: 'skip', 'task-id': 'task-2', 'dispatch-depth': '1', 'pr-number': '7' },
        },
      ]);
      expect(api.reactions.map((r) => r.content)).toEqual(['eyes', 'rocket']);
      expect(services.requests.length).toBe(serviceCalls);
      const post = await runStep(bundle, setup, main.state);
      expect(post.stdout).toContain('left no run state');
      expect(services.requests.length).toBe(serviceCalls);
    },
    SLOW,
  );
});

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text of every file in a zip (the `unzip` tool reads archives the artifact client writes). */
function unzipAll(zip: Buffer): string {
  const file = path.join(root, `artifact-${Date.now()}-${Math.random()}.zip`);
  writeFileSync(file, zip);
  return execFileSync('unzip', ['-p', file], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
}
