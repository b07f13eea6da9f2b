import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, makeExecutor, makeRepo } from './temp-repo.js';

function projectRepo(): ReturnType<typeof makeRepo> {
  return makeRepo({
    '.gitignore': 'node_modules/\n*.log\n/build\n',
    '.git/info/exclude': 'local-notes.md\n',
    '.git/config': '[core]\n',
    '.taskmaster/state.json': '{}',
    'README.md': '# demo\n',
    'local-notes.md': 'mine\n',
    'debug.log': 'noise\n',
    'build/out.js': 'compiled\n',
    'node_modules/pkg/index.js': 'module\n',
    'src/app.ts': 'export function main() {\n  // TODO: wire up\n  return 1;\n}\n',
    'src/util/strings.ts': 'export const TODO_LIST = [];\n',
    'src/generated/.gitignore': '*.gen.ts\n!keep.gen.ts\n',
    'src/generated/a.gen.ts': 'generated\n',
    'src/generated/keep.gen.ts': 'kept // TODO\n',
    'services/api/main.py': 'def main():\n    pass  # TODO\n',
  });
}

describe('list_files', () => {
  it('lists files recursively, honouring .gitignore (nested ones and negations) and .git/info/exclude', async () => {
    const repo = projectRepo();
    const result = await call(makeExecutor(repo), 'list_files', {});
    expect(result).toMatchObject({ isError: false });
    expect(result.content.split('\n')).toEqual([
      '.gitignore',
      'README.md',
      'services/api/main.py',
      'src/app.ts',
      'src/generated/.gitignore',
      'src/generated/keep.gen.ts',
      'src/util/strings.ts',
    ]);
  });

  it("defaults to the task's path, takes another path, and filters by glob", async () => {
    const repo = projectRepo();
    const executor = makeExecutor(repo, { taskPath: 'services/api' });
    expect((await call(executor, 'list_files', {})).content).toBe('services/api/main.py');
    expect(
      (await call(executor, 'list_files', { path: 'src', pattern: '*.ts' })).content.split('\n'),
    ).toEqual(['src/app.ts', 'src/generated/keep.gen.ts', 'src/util/strings.ts']);
    expect((await call(executor, 'list_files', { path: 'src', pattern: 'util/**' })).content).toBe(
      'src/util/strings.ts',
    );
    expect((await call(executor, 'list_files', { path: '.', pattern: 'src/*.ts' })).content).toBe(
      'src/app.ts',
    );
  });

  it('applies the ignore rules of the directories above a listed subdirectory', async () => {
    const repo = projectRepo();
    repo.write('src/server.log', 'x\n');
    expect(
      (await call(makeExecutor(repo), 'list_files', { path: 'src/generated' })).content.split('\n'),
    ).toEqual(['src/generated/.gitignore', 'src/generated/keep.gen.ts']);
    expect(
      (await call(makeExecutor(repo), 'list_files', { path: 'src', pattern: '*.log' })).content,
    ).toContain('no files matching');
  });

  it('caps the listing at 500 with a count of the rest', async () => {
    const repo = makeRepo();
    for (let i = 0; i < 520; i++) repo.write(`many/f${String(i).padStart(3, '0')}.txt`, '');
    const lines = (await call(makeExecutor(repo), 'list_files', { path: 'many' })).content.split('\n');
    expect(lines).toHaveLength(501);
    expect(lines[500]).toBe('[... and 20 more files; narrow the listing with path or pattern]');
  });

  it('does not follow a symlinked directory out of the repository', async () => {
    const repo = makeRepo({ 'a.txt': '' });
    repo.write('../outside/secret.txt', 'secret\n');
    symlinkSync(repo.outside, path.join(repo.root, 'ext'));
    const result = await call(makeExecutor(repo), 'list_files', {});
    expect(result.content).not.toContain('secret.txt');
  });

  it('a missing directory is an error', async () => {
    const result = await call(makeExecutor(makeRepo()), 'list_files', { path: 'nope' });
    expect(result).toMatchObject({ isError: true, content: expect.stringContaining('does not exist') });
  });
});

describe('search_files', () => {
  it('returns path:line: text, skipping ignored, binary and state files', async () => {
    const repo = projectRepo();
    repo.write('bin.dat', new Uint8Array([0x54, 0x4f, 0x44, 0x4f, 0, 0]));
    repo.write('.taskmaster/logs/t/agent.log', 'TODO in a log\n');
    const result = await call(makeExecutor(repo), 'search_files', { pattern: 'TODO' });
    expect(result).toMatchObject({ isError: false });
    expect(result.content.split('\n')).toEqual([
      'services/api/main.py:2: pass  # TODO',
      'src/app.ts:2: // TODO: wire up',
      'src/generated/keep.gen.ts:1: kept // TODO',
      'src/util/strings.ts:1: export const TODO_LIST = [];',
    ]);
  });

  it('takes a regular expression and a path (a directory or one file)', async () => {
    const repo = projectRepo();
    const executor = makeExecutor(repo);
    expect(
      (await call(executor, 'search_files', { pattern: '^export (function|const) \\w+', path: 'src' }))
        .content,
    ).toBe('src/app.ts:1: export function main() {\nsrc/util/strings.ts:1: export const TODO_LIST = [];');
    expect((await call(executor, 'search_files', { pattern: 'return', path: 'src/app.ts' })).content).toBe(
      'src/app.ts:3: return 1;',
    );
    expect((await call(executor, 'search_files', { pattern: 'nothing-like-this' })).content).toMatch(
      /^no matches for \/nothing-like-this\/ in '\.' \(\d+ files searched\)$/,
    );
  });

  it('an invalid regular expression is an error result', async () => {
    const result = await call(makeExecutor(makeRepo()), 'search_files', { pattern: 'foo(' });
    expect(result).toMatchObject({
      isError: true,
      content: expect.stringContaining("invalid regular expression 'foo('"),
    });
  });

  it('caps the matches at 200 with a note', async () => {
    const repo = makeRepo({ 'big.txt': 'hit\n'.repeat(300) });
    const lines = (await call(makeExecutor(repo), 'search_files', { pattern: 'hit' })).content.split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[199]).toBe('big.txt:200: hit');
    expect(lines[200]).toContain('stopped after 200 matches');
  });

  it('does not read through a symlink to a file outside the repository', async () => {
    const repo = makeRepo({ 'a.txt': 'nothing\n' });
    repo.write('../outside/secret.txt', 'secret\n');
    symlinkSync(path.join(repo.outside, 'secret.txt'), path.join(repo.root, 'link.txt'));
    const result = await call(makeExecutor(repo), 'search_files', { pattern: 'secret' });
    expect(result.content).toMatch(/^no matches/);
  });
});

describe('list_files and search_files refuse what read_file refuses', () => {
  function repoWithWorkflow(): ReturnType<typeof makeRepo> {
    return makeRepo({
      '.github/workflows/ci.yml': 'env:\n  DEPLOY: secret-step\n',
      '.github/CODEOWNERS': '* @team # secret-step owners\n',
      'src/app.ts': 'const step = "secret-step";\n',
    });
  }

  it('a search over the whole repository leaves out .github/workflows/', async () => {
    const executor = makeExecutor(repoWithWorkflow());
    expect(await call(executor, 'read_file', { path: '.github/workflows/ci.yml' })).toMatchObject({
      isError: true,
    });
    expect((await call(executor, 'search_files', { pattern: 'secret-step' })).content.split('\n')).toEqual([
      '.github/CODEOWNERS:1: * @team # secret-step owners',
      'src/app.ts:1: const step = "secret-step";',
    ]);
    expect((await call(executor, 'search_files', { pattern: 'secret-step', path: '.github' })).content).toBe(
      '.github/CODEOWNERS:1: * @team # secret-step owners',
    );
  });

  it('a search or listing of .github/workflows/ itself is an error result naming why', async () => {
    const executor = makeExecutor(repoWithWorkflow());
    for (const tool of ['search_files', 'list_files']) {
      const result = await call(executor, tool, { pattern: 'secret-step', path: '.github/workflows' });
      expect(result, tool).toMatchObject({ isError: true });
      expect(result.content, tool).toContain('is inside .github/workflows/');
    }
    const file = await call(executor, 'search_files', {
      pattern: 'secret',
      path: '.github/workflows/ci.yml',
    });
    expect(file).toMatchObject({ isError: true });
  });

  it('a listing leaves out .github/workflows/ as well', async () => {
    const result = await call(makeExecutor(repoWithWorkflow()), 'list_files', {});
    expect(result.content.split('\n')).toEqual(['.github/CODEOWNERS', 'src/app.ts']);
  });
});
