/**
 * The Action's main step in-process, with the real engine (a scripted model, real hooks, real git and a
 * bare origin), the real `@actions/cache` and `@actions/artifact` clients against the loopback fake, and
 * the runner's environment and file commands. The built bundle gets its own end-to-end test; this one
 * covers the decisions around a run: re-dispatched commands, refusals, dry runs and bad inputs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeActionsServices, type FakeActionsServices } from '../support/fake-actions-services.js';
import { cloneBranch, createOrigin, git, subjects } from './fixture-repo.js';
import { runStepInProcess, type InProcessResult } from './in-process-step.js';
import type { JobSetup } from './step-runner.js';

const SLOW = 120_000;
let root: string;
let services: FakeActionsServices;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tm-run-mode-'));
  services = await startFakeActionsServices();
});
// Every test's runs share the default state key (same task file and branch): each starts with no cache.
beforeEach(() => {
  services.cache.length = 0;
});
afterAll(async () => {
  await services.close();
  rmSync(root, { recursive: true, force: true });
});

const FILES = {
  '.gitignore': '.taskmaster/\n',
  '.taskmaster.yml': [
    'provider_configs:',
    '  replay: { type: scripted, script: script.yml }',
    'max_attempts_per_task: 1',
    'hooks:',
    '  has-a: { command: test -f a.txt }',
    '  has-c: { command: test -f c.txt }',
    '  never: { command: "false", description: A check that always fails }',
    '',
  ].join('\n'),
  'tasks.yml': [
    'tasks:',
    '  - { id: task-1, title: Write a, description: a, post_hooks: [has-a] }',
    '  - { id: task-2, title: Impossible, description: b, post_hooks: [never] }',
    '  - { id: task-3, title: Write c, description: c, post_hooks: [has-c] }',
    '',
  ].join('\n'),
  'script.yml': [
    'tasks:',
    ...['a', 'b', 'c'].map(
      (x, i) =>
        `  task-${i + 1}: { attempts: [[{ tool: write_file, input: { path: ${x}.txt, content: "${x}" } }, { tool: finish, input: { summary: ${x} } }]] }`,
    ),
    '',
  ].join('\n'),
};

let runs = 0;
function job(origin: string, over: Partial<JobSetup> & { with?: Record<string, string> } = {}): JobSetup {
  runs += 1;
  const name = `job-${runs}`;
  return {
    workspace: cloneBranch(origin, path.join(root, name), 'feature'),
    runnerDir: path.join(root, `${name}-runner`),
    eventName: 'push',
    event: { repository: { default_branch: 'main' } },
    runId: String(100 + runs),
    ref: 'refs/heads/feature',
    repository: 'octo/widgets',
    apiUrl: 'http://127.0.0.1:9',
    resultsUrl: services.url,
    runtimeToken: services.runtimeToken,
    githubToken: 'ghs_inprocess_token_123',
    inputs: { comment: 'false', ...over.with },
    ...over,
  };
}

/** Runs the main step in this process with the environment and working directory the runner gives it. */
function step(setup: JobSetup): Promise<InProcessResult> {
  return runStepInProcess(setup, path.join(root, 'summary.md'));
}

function origin(name: string): string {
  return createOrigin(path.join(root, name), FILES);
}

describe('decisions given through a re-dispatch', () => {
  it(
    'records a skip before the run goes on, and the run completes',
    async () => {
      const repo = origin('skip');
      const first = await step(job(repo));
      expect(first.failed).toBe(false);
      expect(first.outputs).toMatchObject({
        status: 'needs_intervention',
        completed: '1',
        'current-task': 'task-2',
      });
      expect(first.summary).toContain('`/taskmaster skip task-2`');
      expect(first.log).toMatch(/::notice title=TaskMaster::Task task-2 needs a person's decision/);

      const second = await step(
        job(repo, { eventName: 'workflow_dispatch', with: { command: 'skip', 'task-id': 'task-2' } }),
      );
      expect(second.log).toContain('Recorded the decision: skip task-2');
      expect(second.failed).toBe(false);
      expect(second.outputs).toMatchObject({
        status: 'completed',
        completed: '2',
        total: '3',
        'current-task': '',
      });
      expect(subjects(repo, 'feature').slice(0, 2)).toEqual([
        'taskmaster(task-3): Write c',
        'taskmaster(task-1): Write a',
      ]);
      expect(second.summary).toContain('⏭️ skipped');
    },
    SLOW,
  );

  it(
    'an abort ends the run without failing the job; a later run says how to start over',
    async () => {
      const repo = origin('abort');
      await step(job(repo));
      const aborted = await step(job(repo, { eventName: 'workflow_dispatch', with: { command: 'abort' } }));
      expect(aborted.failed).toBe(false);
      expect(aborted.outputs.status).toBe('aborted');

      const again = await step(job(repo));
      expect(again.failed).toBe(true);
      expect(again.log).toMatch(/was aborted\. To start over, run the workflow with a new `state-key` input/);
      expect(again.outputs.status).toBe('failed');
    },
    SLOW,
  );
});

describe('refusals before any work', () => {
  it(
    'a state that records commits the branch lacks stops the run with the fix',
    async () => {
      const repo = origin('lost-commit');
      const unpushed = await step(job(repo, { with: { push: 'false' } }));
      expect(unpushed.outputs.status).toBe('needs_intervention');
      expect(subjects(repo, 'feature')).toEqual(['Initial commit']);

      const next = job(repo);
      const refused = await step(next);
      expect(refused.failed).toBe(true);
      expect(refused.log).toContain('records task commits that this checkout does not have');
      expect(refused.log).toMatch(/task-1: [0-9a-f]{12}/);
      expect(refused.outputs).toMatchObject({ status: 'failed', completed: '1', total: '3' });
      expect(refused.outputs['state-key']).toMatch(/^taskmaster-[0-9a-f]{8}-feature-$/);
      expect(existsSync(path.join(next.workspace, 'c.txt'))).toBe(false);
    },
    SLOW,
  );

  it(
    'refuses to push to the default branch unless allowed',
    async () => {
      const repo = origin('default-branch');
      const onMain = job(repo, {
        ref: 'refs/heads/main',
        workspace: cloneBranch(repo, path.join(root, 'main-clone'), 'main'),
      });
      const refused = await step(onMain);
      expect(refused.failed).toBe(true);
      expect(refused.log).toContain('Refusing to push to the default branch "main"');
      expect(refused.outputs.status).toBe('failed');
      expect(subjects(repo, 'main')).toEqual(['Initial commit']);
    },
    SLOW,
  );

  it(
    'reports every bad input at once and still sets the outputs',
    async () => {
      const result = await step(
        job(origin('bad-inputs'), { with: { push: 'maybe', 'max-wait-seconds': 'soon' } }),
      );
      expect(result.failed).toBe(true);
      expect(result.log).toContain("Invalid input 'push': 'maybe'. Expected true or false.");
      expect(result.log).toContain("Invalid input 'max-wait-seconds': 'soon'.");
      expect(Object.keys(result.outputs).sort()).toEqual(
        [
          'artifact-id',
          'completed',
          'current-task',
          'resume-at',
          'state-key',
          'status',
          'tokens-used',
          'total',
        ].sort(),
      );
      expect(result.outputs.status).toBe('failed');
    },
    SLOW,
  );
});

describe('a run whose own commits changed its configuration', () => {
  /**
   * task-1's hook edits `.taskmaster.yml`. A commit holds the files the agent wrote, but a task that was
   * tried in an earlier job commits every change (the new process cannot tell whose they are), so after
   * a retry the task's commit carries the hook's edit.
   */
  const SELF_EDITING = {
    ...FILES,
    '.taskmaster.yml': FILES['.taskmaster.yml'].replace(
      '  has-a: { command: test -f a.txt }',
      '  has-a: { command: "echo \'# a hook was here\' >> .taskmaster.yml && test -f a.txt" }',
    ),
    'script.yml': FILES['script.yml'].replace(
      'task-1: { attempts: [[',
      'task-1: { attempts: [[{ text: not yet }], [',
    ),
  };

  it(
    'stops with the file and the way on, and goes on once a person pushed the file back',
    async () => {
      const repo = createOrigin(path.join(root, 'self-edit'), SELF_EDITING);
      const first = await step(job(repo));
      expect(first.outputs).toMatchObject({ status: 'needs_intervention', completed: '0' });
      const retry = { eventName: 'workflow_dispatch', with: { command: 'retry', 'task-id': 'task-1' } };
      const second = await step(job(repo, retry));
      expect(second.outputs).toMatchObject({ status: 'needs_intervention', completed: '1' });
      const taskCommit = git(repo, 'rev-parse', 'feature');
      expect(git(repo, 'show', `${taskCommit}:.taskmaster.yml`)).toContain('# a hook was here');

      const skip = { eventName: 'workflow_dispatch', with: { command: 'skip', 'task-id': 'task-2' } };
      const refused = await step(job(repo, skip));
      expect(refused.failed).toBe(true);
      expect(refused.outputs.status).toBe('failed');
      expect(refused.log).toContain("The run's own commits changed the configuration it runs with");
      expect(refused.log).toContain(
        `.taskmaster.yml: changed by ${taskCommit.slice(0, 12)} (the commit of task task-1)`,
      );
      expect(refused.log).toMatch(
        /put the files back as they were and push \(for example `git checkout [0-9a-f]{12}~1 -- \.taskmaster\.yml`, then commit\)/,
      );
      expect(refused.log).toMatch(
        /start a new run with a new `state-key` input \(for example `state-key: taskmaster-[0-9a-f]{8}-feature-fresh`\)/,
      );
      expect(refused.log).not.toContain('Recorded the decision');
      expect(subjects(repo, 'feature')[0]).toBe('taskmaster(task-1): Write a');

      // A person's own commit is theirs to make: here it puts the file back as it was.
      const person = cloneBranch(repo, path.join(root, 'self-edit-person'), 'feature');
      git(person, 'checkout', `${taskCommit}~1`, '--', '.taskmaster.yml');
      git(person, 'commit', '-q', '-m', "Undo the hook's edit");
      git(person, 'push', '-q', 'origin', 'feature');

      const resumed = await step(job(repo, skip));
      expect(resumed.failed).toBe(false);
      expect(resumed.log).toContain('Recorded the decision: skip task-2');
      expect(resumed.outputs).toMatchObject({ status: 'completed', completed: '2' });
    },
    SLOW,
  );
});

describe('a dry run', () => {
  it(
    'plans without running, committing or saving state',
    async () => {
      const repo = origin('dry-run');
      const setup = job(repo, { with: { 'dry-run': 'true' } });
      const result = await step(setup);
      expect(result.failed).toBe(false);
      expect(result.outputs).toMatchObject({ status: 'dry-run', total: '3', completed: '0' });
      expect(result.summary).toContain('## TaskMaster: dry run');
      expect(result.summary).toContain('task-3');
      expect(services.cache).toEqual([]);
      expect(existsSync(path.join(setup.workspace, 'a.txt'))).toBe(false);
      expect(subjects(repo, 'feature')).toEqual(['Initial commit']);
    },
    SLOW,
  );
});
