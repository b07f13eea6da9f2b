/**
 * Hooks cannot read TaskMaster's secrets through /proc (docs/security.md): a post-hook, and a test the
 * agent wrote that the post-hook runs, dump `/proc/$PPID/environ`, `env` and every `/proc/*\/environ`
 * while the real CLI runs with distinctive fake keys in its environment. Under bubblewrap none of them
 * shows up anywhere: not in what the hook saw, post.log, state.json or the retry request the model
 * receives. With `sandbox: none` the same dump does find them, and the run says so up front.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSandbox } from '../../src/hooks/choose-sandbox.js';
import { type FakeModelServer, startFakeModelServer } from '../support/fake-model-server.js';
import { createProject, type Project } from './helpers/project.js';

const SECRETS = {
  ANTHROPIC_API_KEY: 'sk-ant-sandbox-e2e-7f3a91c4',
  GITHUB_TOKEN: 'ghp_sandboxE2Etoken4b8c2d19',
  ACTIONS_RUNTIME_TOKEN: 'actions-runtime-sandbox-e2e-55e1a0',
  'INPUT_ANTHROPIC-API-KEY': 'sk-ant-input-sandbox-e2e-9d0c77',
};

/** What a curious hook, or a test the agent wrote, would try. */
const PEEK = `{ cat /proc/$PPID/environ; env; cat /proc/*/environ; } 2>/dev/null | tr '\\0' '\\n'`;
/** Without a sandbox `/proc/*` is every process of the machine: the runner's own is enough to show. */
const PEEK_PARENT = `cat /proc/$PPID/environ | tr '\\0' '\\n'`;

const bwrapWorks =
  (await chooseSandbox('auto', { env: { PATH: process.env['PATH'] } })).sandbox.kind === 'bwrap';

let server: FakeModelServer;
/** Several real processes per hook (bubblewrap, npm, pytest) on a busy machine. */
const SLOW_MS = 120_000;

let project: Project | undefined;
beforeEach(async () => {
  server = await startFakeModelServer();
});
afterEach(async () => {
  project?.cleanup();
  await server.close();
});

/** The agent writes `agent_test.sh` (the peek) and fails once; the hook runs both, then checks `done.txt`. */
function peekingProject(sandbox: string, peek: string): Project {
  server.anthropic
    .reply({ toolCalls: [{ name: 'write_file', input: { path: 'agent_test.sh', content: `${peek}\n` } }] })
    .reply({ text: 'Written the test.' })
    .reply({ toolCalls: [{ name: 'write_file', input: { path: 'done.txt', content: 'done\n' } }] })
    .reply({ text: 'Done.' });
  return createProject({
    providerName: 'claude',
    providerConfig: {
      type: 'claude',
      api_key: '${ANTHROPIC_API_KEY}',
      model: 'claude-test',
      base_url: server.baseUrl,
    },
    config: {
      sandbox,
      hooks: {
        check: {
          command:
            `{ ${peek}; grep NoNewPrivs /proc/self/status; sh agent_test.sh; } > "$MARK/seen"; ` +
            'cat "$MARK/seen"; test -f done.txt',
        },
      },
    },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
  });
}

async function runPeeking(p: Project) {
  const cli = p.spawn(['run', 'tasks.yml', '--verbose'], SECRETS);
  const result = await cli.done;
  const seen = p.marks('seen').join('\n');
  return { result, seen };
}

describe('secrets out of reach of hooks (slow: spawned CLI, real SDK, loopback server, real hooks)', () => {
  it.skipIf(!bwrapWorks)(
    'under bubblewrap, neither a post-hook nor the test it runs finds a key or token anywhere (skipped: bubblewrap cannot run here)',
    async () => {
      project = peekingProject('auto', PEEK);
      const { result, seen } = await runPeeking(project);

      expect(result.code, result.stderr).toBe(0);
      expect(seen).toContain('TASKMASTER_HOOK=check'); // the dump ran, in the hook's own environment
      expect(seen).toContain('NoNewPrivs:\t1'); // and inside the sandbox
      const requests = server.anthropic.requests.map((r) => JSON.stringify(r.body));
      const retry = requests[2] ?? ''; // attempt 1 took two requests
      expect(retry).toContain('TASKMASTER_HOOK=check'); // the model saw the hook's output...
      const places = {
        'what the hook saw': seen,
        'the retry request': retry,
        'every request': requests.join('\n'),
        'post.log': project.log('task-1', 'post.log') ?? '',
        'state.json': readFileSync(path.join(project.dir, '.taskmaster/state.json'), 'utf8'),
        'prompt.txt': project.log('task-1', 'prompt.txt') ?? '',
        'the console': result.stdout + result.stderr,
      };
      for (const [name, value] of Object.entries(SECRETS)) {
        for (const [place, text] of Object.entries(places)) {
          expect(text.includes(value), `${name} in ${place}`).toBe(false); // ...but no secret
        }
      }
      expect(result.stderr + result.stdout).not.toContain('without a sandbox');
    },
    SLOW_MS,
  );

  it.skipIf(process.platform !== 'linux')(
    'with sandbox: none, the run warns once that hooks can read its environment, and they can',
    async () => {
      project = peekingProject('none', PEEK_PARENT);
      const { result, seen } = await runPeeking(project);

      expect(result.code, result.stderr).toBe(0);
      const output = result.stdout + result.stderr;
      const warning = 'sandbox: none, so hooks run without a sandbox';
      expect(output).toContain(warning);
      expect(output.split(warning)).toHaveLength(2);
      expect(output).toContain("can read TaskMaster's own environment (API keys and tokens included)");
      for (const value of Object.values(SECRETS)) expect(seen).toContain(value);
    },
    SLOW_MS,
  );
});
