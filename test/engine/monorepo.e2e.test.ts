/**
 * The guide's "Service-Specific Hooks (Monorepo)" block, verbatim but for `ruff` (not installed here;
 * `python3 -m compileall` stands in for the lint): hooks run in the repository root, so
 * `cd services/backend && pytest tests/` works for a task whose `path` is `services/backend/`.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

/** Several real processes per hook (bubblewrap, npm, pytest) on a busy machine. */
const SLOW_MS = 120_000;

let project: Project | undefined;
afterEach(() => project?.cleanup());

const GUIDE_BLOCK = `hooks:
  # Backend hooks
  backend-lint:
    command: cd services/backend && ruff check src/
    description: Lint backend service

  backend-test:
    command: cd services/backend && pytest tests/
    description: Test backend service

  # Frontend hooks
  frontend-lint:
    command: cd services/frontend && npm run lint
    description: Lint frontend service

  frontend-test:
    command: cd services/frontend && npm test
    description: Test frontend service

  # Shared hooks
  docker-build:
    command: docker-compose build
    timeout: 1200
    description: Build all services

tasks:
  - id: backend-task
    title: Backend feature
    path: services/backend/
    post_hooks:
      - backend-lint
      - backend-test

  - id: frontend-task
    title: Frontend feature
    path: services/frontend/
    post_hooks:
      - frontend-lint
      - frontend-test
`;

const TASK_FILE = GUIDE_BLOCK.replace('ruff check src/', 'python3 -m compileall -q src/');

/** A tiny real backend (pytest) and frontend (npm scripts, node --test), both failing until the agent works. */
const FILES = {
  'tasks.yml': TASK_FILE,
  'services/backend/src/__init__.py': '',
  'services/backend/tests/test_prices.py':
    'import sys, pathlib\n' +
    'sys.path.insert(0, str(pathlib.Path(__file__).parent.parent / "src"))\n' +
    'from prices import total\n\n' +
    'def test_total():\n    assert total([2, 3]) == 5\n',
  'services/frontend/package.json': JSON.stringify({
    name: 'frontend',
    private: true,
    scripts: { lint: 'node --check src/format.js', test: 'node --test' },
  }),
  'services/frontend/format.test.js':
    "const test = require('node:test');\nconst assert = require('node:assert');\n" +
    "const { money } = require('./src/format.js');\n" +
    "test('money', () => assert.strictEqual(money(5), '$5.00'));\n",
};

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const tools = has('pytest', ['--version']) && has('npm', ['--version']) && has('python3', ['--version']);

describe('the guide monorepo hooks (slow: real hooks, real git, pytest and npm)', () => {
  it.skipIf(!tools)(
    'pass validate and run green from the repository root (skipped: pytest, python3 or npm is not installed)',
    async () => {
      project = createProject({
        tasks: [],
        files: FILES,
        script: {
          'backend-task': [
            [write('services/backend/src/prices.py', 'def total(xs):\n    return sum(xs)\n'), finish()],
          ],
          'frontend-task': [
            [
              write('services/frontend/src/format.js', 'exports.money = (n) => `$${n.toFixed(2)}`;\n'),
              finish(),
            ],
          ],
        },
      });

      const validated = await project.run(['validate', 'tasks.yml']);
      expect(validated.code, validated.stdout + validated.stderr).toBe(0);

      const result = await project.run(['run', 'tasks.yml']);

      expect(result.code, result.stdout + result.stderr).toBe(0);
      for (const hook of ['backend-lint', 'backend-test', 'frontend-lint', 'frontend-test'])
        expect(result.stdout).toContain(`✓ ${hook} passed`);
      expect(result.stdout).not.toContain("can't cd");
      expect(project.state().completed_task_ids).toEqual(['backend-task', 'frontend-task']);
      expect(project.state().attempt_counts).toEqual({ 'backend-task': 1, 'frontend-task': 1 });
      expect(project.log('backend-task', 'post.log')).toContain('1 passed');
    },
    SLOW_MS,
  );
});
