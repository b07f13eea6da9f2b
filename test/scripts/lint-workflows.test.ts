import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/lint-workflows.mjs');

interface LintResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run lint:workflows` (or the script on the given files) as a real process. */
function lint(files: string[]): Promise<LintResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...files], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** `text` with `from` replaced once, and the 1-based line and column where `marker` ends up. */
function inject(
  text: string,
  from: string,
  to: string,
  marker: string,
): { text: string; line: number; column: number } {
  expect(text).toContain(from);
  const changed = text.replace(from, to);
  const before = changed.slice(0, changed.indexOf(marker)).split('\n');
  return { text: changed, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

describe('lint:workflows', () => {
  it("passes the Action's metadata, the example workflows and the CI workflow", async () => {
    const result = await lint([]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("pass GitHub's parser and actionlint");
    expect(result.code).toBe(0);
  });

  describe('on broken copies', () => {
    let dir: TempRepo;
    let result: LintResult;
    let secret: { line: number; column: number };
    let expression: { line: number; column: number };
    let input: { line: number; column: number };

    beforeAll(async () => {
      dir = createRepo({}, { git: false });
      const action = inject(
        readFileSync(path.join(ROOT, 'action.yml'), 'utf8'),
        'description: Stop the run at the first failed attempt (the step fails).',
        'description: Stop the run at the first failed attempt. Pass ${{ secrets.X }}.',
        '${{ secrets.X }}',
      );
      secret = action;
      dir.write('action.yml', action.text);
      const workflow = inject(
        readFileSync(path.join(ROOT, 'examples/workflows/taskmaster.yml'), 'utf8'),
        'STATUS: ${{ steps.taskmaster.outputs.status }}',
        'STATUS: ${{ steps.taskmaster.outputs.status == }}',
        '${{ steps.taskmaster.outputs.status == }}',
      );
      expression = workflow;
      const unknown = inject(workflow.text, 'max-wait-seconds: 300', 'max-wait: 300', 'max-wait:');
      input = unknown;
      dir.write('taskmaster.yml', unknown.text);
      result = await lint([path.join(dir.dir, 'action.yml'), path.join(dir.dir, 'taskmaster.yml')]);
    });
    afterAll(() => dir.cleanup());

    it('fails when `${{ secrets.X }}` is put back into an input description', () => {
      const file = path.join(dir.dir, 'action.yml');
      expect(result.stderr).toContain(
        `${file}:${secret.line}:${secret.column}: Unrecognized named-value: 'secrets' [github-parser]`,
      );
      expect(result.code).toBe(1);
    });

    it('fails on a broken expression in a workflow, with both linters', () => {
      const file = path.join(dir.dir, 'taskmaster.yml');
      const lines = result.stderr.split('\n').filter((l) => l.startsWith(`${file}:${expression.line}:`));
      expect(lines.some((l) => l.endsWith('[github-parser]'))).toBe(true);
      expect(lines.some((l) => /unexpected end of input .*\[actionlint\]$/.test(l))).toBe(true);
      expect(result.code).toBe(1);
    });

    it('fails on a `with:` key the Action does not declare', () => {
      const file = path.join(dir.dir, 'taskmaster.yml');
      expect(result.stderr).toContain(
        `${file}:${input.line}:${input.column}: input "max-wait" is not defined in action.yml`,
      );
    });
  });
});
