import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PromptContextConfig } from '../../src/config/types.js';
import { collectRepoContext } from '../../src/prompts/repo-context.js';
import { git, gitRepo, tempDir, writeFiles } from './fixtures.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function context(overrides: Partial<PromptContextConfig> = {}): PromptContextConfig {
  return {
    include_git_status: true,
    include_file_list: true,
    include_file_contents: true,
    max_files_listed: 50,
    max_file_size: 10_000,
    include_patterns: [],
    exclude_patterns: [],
    ...overrides,
  };
}

function repo(files: Record<string, string | Buffer>): string {
  const root = gitRepo(files);
  roots.push(root);
  return root;
}

function collect(root: string, ctx: Partial<PromptContextConfig> = {}, taskPath = '.') {
  return collectRepoContext({
    repoRoot: root,
    taskPath,
    stateDir: join(root, '.taskmaster'),
    context: context(ctx),
  });
}

describe('collectRepoContext in a git repository', () => {
  it('lists tracked and untracked files, honours .gitignore, never lists the state dir or .git', async () => {
    const root = repo({
      '.gitignore': 'build/\n*.log\n',
      'src/app.py': 'print(1)\n',
      'README.md': '# demo\n',
    });
    writeFiles(root, {
      'src/new.py': 'x = 1\n',
      'build/out.js': 'x',
      'debug.log': 'x',
      '.taskmaster/state.json': '{}',
      '.taskmaster/logs/t/post.log': 'x',
    });
    rmSync(join(root, 'README.md'));
    const ctx = await collect(root);
    expect(ctx.isGitRepo).toBe(true);
    expect(ctx.fileList.split('\n')).toEqual(['.gitignore', 'src/app.py', 'src/new.py']);
    expect(ctx.gitStatus.split('\n').sort()).toEqual([' D README.md', '?? src/new.py']);
    expect(ctx.fileContents).toContain('### src/app.py\n```\nprint(1)\n```');
  });

  it('says so when the tree is clean', async () => {
    expect((await collect(repo({ 'a.py': '' }))).gitStatus).toBe('(clean: no uncommitted changes)');
  });

  it('lists only the task path, with repository-relative paths', async () => {
    const root = repo({ 'services/api/main.go': 'package main\n', 'services/web/app.ts': '', 'go.mod': '' });
    const ctx = await collect(root, {}, 'services/api');
    expect(ctx.fileList).toBe('services/api/main.go');
    expect(ctx.allFiles).toEqual(['services/api/main.go']);
    expect(ctx.rootNames).toContain('go.mod');
  });

  it('says when the task path has no files yet', async () => {
    const ctx = await collect(repo({ 'a.py': '' }), {}, 'services/new');
    expect(ctx.fileList).toBe('(no files yet under services/new)');
  });

  it('never includes binary files (a NUL byte) in the contents, but lists them', async () => {
    const root = repo({ 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'a.txt': 'text\n' });
    const ctx = await collect(root);
    expect(ctx.fileList).toContain('logo.png');
    expect(ctx.fileContents).not.toContain('logo.png');
    expect(ctx.fileContents).toContain('### a.txt');
  });

  it('never includes secrets files in the contents', async () => {
    const root = repo({
      '.env.production': 'API_KEY=sk-live\n',
      'certs/server.key': 'PRIVATE\n',
      'a.txt': 'ok\n',
    });
    const ctx = await collect(root);
    expect(ctx.fileContents).not.toMatch(/sk-live|PRIVATE/);
  });

  it('caps the list with "... and N more" and contents to the listed files', async () => {
    const files = Object.fromEntries(Array.from({ length: 7 }, (_v, i) => [`f${i}.py`, `v = ${i}\n`]));
    const ctx = await collect(repo(files), { max_files_listed: 3 });
    expect(ctx.fileList).toBe('f0.py\nf1.py\nf2.py\n... and 4 more');
    expect(ctx.fileContents).toContain('### f2.py');
    expect(ctx.fileContents).not.toContain('### f3.py');
    expect(ctx.allFiles).toHaveLength(7);
  });

  it('cuts a file at max_file_size on a line boundary and says how much is missing', async () => {
    const big =
      Array.from({ length: 100 }, (_v, i) => `line ${String(i).padStart(3, '0')}`).join('\n') + '\n';
    const ctx = await collect(repo({ 'big.txt': big }), { max_file_size: 50 });
    expect(ctx.fileContents).toContain('line 000\nline 001\nline 002\nline 003\nline 004\n```');
    expect(ctx.fileContents).not.toContain('line 005');
    expect(ctx.fileContents).toContain(
      `(first part only: ${big.length - 45} more bytes not shown; use read_file for the rest)`,
    );
  });

  it('stops adding contents at the total cap', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_v, i) => [`f${i}.txt`, 'x'.repeat(40) + '\n']),
    );
    const ctx = await collectRepoContext({
      repoRoot: repo(files),
      taskPath: '.',
      context: context(),
      maxTotalContents: 100,
    });
    expect(ctx.fileContents).toContain('### f1.txt');
    expect(ctx.fileContents).not.toContain('### f2.txt');
    expect(ctx.fileContents).toContain(
      '(3 more listed files not shown: the file contents limit of 100 characters was reached)',
    );
  });

  it('applies include patterns on the basename and exclude patterns on any directory, as the guide shows', async () => {
    const root = repo({
      'README.md': '',
      'docs/guide.md': '',
      'app/main.py': '',
      'app/config.yml': '',
      'app/data.json': '',
      'app/__pycache__/main.cpython-311.py': '',
    });
    const ctx = await collect(root, {
      include_patterns: ['*.py', '*.yml', 'README.md'],
      exclude_patterns: ['*.pyc', '__pycache__', '.git'],
    });
    expect(ctx.fileList.split('\n')).toEqual(['README.md', 'app/config.yml', 'app/main.py']);
  });

  it('fences a file that itself contains a fence with a longer one', async () => {
    const ctx = await collect(repo({ 'notes.md': '```js\nx\n```\n' }));
    expect(ctx.fileContents).toBe('### notes.md\n````\n```js\nx\n```\n````');
  });

  it('leaves out what prompt_context turns off', async () => {
    const ctx = await collect(repo({ 'a.py': '' }), {
      include_git_status: false,
      include_file_list: false,
      include_file_contents: false,
    });
    expect([ctx.gitStatus, ctx.fileList, ctx.fileContents]).toEqual(['', '', '']);
    expect(ctx.allFiles).toEqual(['a.py']);
  });

  it('hides renamed and untracked state-dir entries from git status', async () => {
    const root = repo({ 'a.py': '' });
    writeFiles(root, { '.taskmaster/state.json': '{}' });
    git(root, 'mv', 'a.py', 'b.py');
    const ctx = await collect(root);
    expect(ctx.gitStatus).toBe('R  a.py -> b.py');
  });
});

describe('collectRepoContext outside git', () => {
  it('says "not a git repository" and honours nested .gitignore files itself', async () => {
    const root = tempDir();
    roots.push(root);
    writeFiles(root, {
      '.gitignore': '*.log\n',
      'app/.gitignore': 'generated/\n!keep.log\n',
      'app/main.py': '',
      'app/generated/x.py': '',
      'app/keep.log': '',
      'app/drop.log': '',
      'node_modules/pkg/index.js': '',
      '.taskmaster/state.json': '{}',
    });
    symlinkSync(root, join(root, 'app', 'loop'));
    const ctx = await collect(root);
    expect(ctx.isGitRepo).toBe(false);
    expect(ctx.gitStatus).toBe('not a git repository');
    expect(ctx.fileList.split('\n')).toEqual([
      '.gitignore',
      'app/.gitignore',
      'app/keep.log',
      'app/loop',
      'app/main.py',
    ]);
  });

  it('applies .gitignore files above the task path', async () => {
    const root = tempDir();
    roots.push(root);
    writeFiles(root, { '.gitignore': 'secret/\n', 'svc/a.ts': '', 'svc/secret/b.ts': '' });
    expect((await collect(root, {}, 'svc')).fileList).toBe('svc/a.ts');
  });
});
