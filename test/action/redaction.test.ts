/**
 * The Action's main step in-process, with a post-hook that prints the API key, the GitHub token and a
 * password: none of them may reach the step's output, the job summary, the PR comment, the uploaded
 * logs artifact, the saved cache entry or the model requests (see docs/security.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeActionsServices, type FakeActionsServices } from '../support/fake-actions-services.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../support/fake-github-api.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { cloneBranch, createOrigin } from './fixture-repo.js';
import type * as InProcess from './in-process-step.js';

const ANTHROPIC_KEY = 'sk-ant-api03-REDACTME-0123456789abcdef';
const GITHUB_TOKEN = 'ghs_REDACTME_token_abcdefghijklmnop';
const PASSWORD = 'pw-REDACTME-hunter2-4242';
const SECRETS = [ANTHROPIC_KEY, GITHUB_TOKEN, PASSWORD];
const SLOW = 120_000;

let root: string;
let services: FakeActionsServices;
let api: FakeGitHubApi;
let model: FakeModelServer;
let runStepInProcess: typeof InProcess.runStepInProcess;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tm-action-redaction-'));
  [services, api, model] = await Promise.all([
    startFakeActionsServices(),
    startFakeGitHubApi({ owner: 'octo', repo: 'widgets' }),
    startFakeModelServer(),
  ]);
  // `@actions/github` reads the API URL once, when it is first loaded: the step is loaded after it is set.
  process.env.GITHUB_API_URL = api.url;
  ({ runStepInProcess } = await import('./in-process-step.js'));
});
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  await Promise.all([services?.close(), api?.close(), model?.close()]);
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Prints the key and the token from files the test wrote, and the password from its own `env`. */
const LEAK_SCRIPT = [
  'echo "key=$(cat leak-key.txt)"',
  'echo "token=$(cat leak-token.txt)"',
  'echo "Error: the service refused password=$MY_SERVICE_PASSWORD"',
  'exit 1',
  '',
].join('\n');

function files(modelUrl: string): Record<string, string> {
  const config = [
    'provider_configs:',
    '  claude:',
    '    type: claude',
    '    api_key: ${ANTHROPIC_API_KEY}',
    '    model: claude-test',
    `    base_url: ${modelUrl}`,
    '    max_tokens: 1024',
    'max_attempts_per_task: 2',
    'hooks:',
    '  leak:',
    '    command: sh leak.sh',
    '    env: { MY_SERVICE_PASSWORD: "${MY_SERVICE_PASSWORD}" }',
  ].join('\n');
  return {
    '.taskmaster.yml': `${config}\n`,
    'tasks.yml':
      'tasks:\n  - { id: task-1, title: Write a, description: Create a.txt, post_hooks: [leak] }\n',
    '.gitignore': '.taskmaster/\nleak-*.txt\n',
    'leak.sh': LEAK_SCRIPT,
  };
}

const writeA = { toolCalls: [{ name: 'write_file', input: { path: 'a.txt', content: 'a\n' } }] };
const finish = { toolCalls: [{ name: 'finish', input: { summary: 'done' } }] };

/** The text of every file in a zip. */
function unzipAll(zip: Buffer): string {
  const file = path.join(root, `artifact-${Math.random()}.zip`);
  writeFileSync(file, zip);
  return execFileSync('unzip', ['-p', file], { encoding: 'latin1' });
}

/** The text of every file in a cache entry's archive (tar, compressed as the cache client chose). */
function untarAll(archive: Buffer): string {
  const file = path.join(root, `cache-${Math.random()}.tar`);
  writeFileSync(file, archive);
  return execFileSync('tar', ['-xOf', file], { encoding: 'latin1' });
}

describe('secrets a hook prints in the Action', () => {
  it(
    'reach neither the step output, summary, comment, artifact, cache entry nor the model',
    async () => {
      const origin = createOrigin(path.join(root, 'repo'), files(model.baseUrl));
      const workspace = cloneBranch(origin, path.join(root, 'job'), 'feature');
      writeFileSync(path.join(workspace, 'leak-key.txt'), ANTHROPIC_KEY);
      writeFileSync(path.join(workspace, 'leak-token.txt'), GITHUB_TOKEN);
      api.pulls.push({ number: 7, head: 'feature' });
      model.anthropic.reply(writeA).reply(finish).reply(writeA).reply(finish);

      const result = await runStepInProcess(
        {
          workspace,
          runnerDir: path.join(root, 'runner'),
          eventName: 'push',
          event: { repository: { default_branch: 'main' } },
          runId: '501',
          ref: 'refs/heads/feature',
          repository: 'octo/widgets',
          apiUrl: api.url,
          resultsUrl: services.url,
          runtimeToken: services.runtimeToken,
          githubToken: GITHUB_TOKEN,
          inputs: { 'anthropic-api-key': ANTHROPIC_KEY, 'max-wait-seconds': '0' },
        },
        path.join(root, 'summary.md'),
        { MY_SERVICE_PASSWORD: PASSWORD, GITHUB_TOKEN },
      );

      expect(result.outputs.status, result.log).toBe('needs_intervention');
      const shown = result.log
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      const artifact = unzipAll(services.artifacts[0]?.data ?? Buffer.alloc(0));
      const cache = untarAll(services.cache[0]?.data ?? Buffer.alloc(0));
      const places: Array<[string, string]> = [
        ['step output', shown],
        ['job summary', result.summary],
        ...api.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
        ['artifact', artifact],
        ['cache entry', cache],
        ...model.anthropic.requests.map((r, i): [string, string] => [
          `model request ${i + 1}`,
          JSON.stringify(r.body),
        ]),
      ];
      // Each place really got the hook's output (masked), or the check below proves nothing.
      expect(shown).toContain('token=***');
      expect(artifact).toContain('password=***');
      expect(cache).toContain('password=***');
      expect(JSON.stringify(model.anthropic.requests[2]?.body)).toContain('key=***');
      expect(api.comments).toHaveLength(1);
      expect(result.summary).toContain('task-1');
      for (const [where, text] of places) {
        for (const secret of SECRETS) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
      }
      // The runner was asked to mask every one of them too.
      for (const secret of SECRETS) expect(result.log).toContain(`::add-mask::${secret}`);
    },
    SLOW,
  );
});
