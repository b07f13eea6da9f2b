import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardPath, type PathGuardContext } from '../../src/agent/path-guard.js';
import { call, makeExecutor, makeRepo, type TempRepo } from './temp-repo.js';

function guardOf(repo: TempRepo, protectedPaths: string[] = []): PathGuardContext {
  return { repoRoot: repo.root, stateDir: repo.stateDir, protectedPaths };
}

/** A repo with a secret next to it and symlinks that point out of it. */
function repoWithEscapes(): TempRepo {
  const repo = makeRepo({
    'src/app.ts': 'export {};\n',
    '.git/config': '[core]\n',
    'tests/test_app.py': 'assert 1\n',
  });
  writeFileSync(path.join(repo.outside, 'secret.txt'), 'secret\n');
  symlinkSync(path.join(repo.outside, 'secret.txt'), path.join(repo.root, 'link.txt'));
  symlinkSync(repo.outside, path.join(repo.root, 'ext'));
  symlinkSync(path.join(repo.outside, 'nothing.txt'), path.join(repo.root, 'dangling.txt'));
  return repo;
}

describe('guardPath', () => {
  it('accepts a path inside the repository, existing or not, and gives its repo-relative form', async () => {
    const repo = makeRepo({ 'src/app.ts': '' });
    const guarded = await guardPath(guardOf(repo), './src/../src/new/dir/file.ts', 'write');
    expect(guarded).toEqual({
      ok: true,
      absolute: path.join(repo.root, 'src/new/dir/file.ts'),
      relative: 'src/new/dir/file.ts',
    });
    expect(await guardPath(guardOf(repo), '', 'read')).toMatchObject({ ok: true, relative: '.' });
  });

  it('refuses absolute paths and says paths are relative to the repository root', async () => {
    const repo = makeRepo();
    const guarded = await guardPath(guardOf(repo), '/etc/passwd', 'read');
    expect(guarded).toEqual({
      ok: false,
      error: expect.stringContaining('paths are relative to the repository root') as string,
    });
  });

  it('refuses climbing out with ..', async () => {
    const repo = makeRepo();
    const guarded = await guardPath(guardOf(repo), 'src/../../outside/x', 'read');
    expect(guarded).toMatchObject({
      ok: false,
      error: expect.stringContaining('outside the repository') as string,
    });
  });

  it('follows symlinks: a link inside the repo pointing to another file inside is fine', async () => {
    const repo = makeRepo({ 'real.txt': 'hi\n' });
    symlinkSync('real.txt', path.join(repo.root, 'alias.txt'));
    expect(await guardPath(guardOf(repo), 'alias.txt', 'write')).toMatchObject({
      ok: true,
      relative: 'real.txt',
    });
  });

  it('refuses a path through a symlink that points into .git or the state directory', async () => {
    const repo = makeRepo({ '.git/config': '', '.taskmaster/state.json': '{}' });
    symlinkSync('.git', path.join(repo.root, 'g'));
    symlinkSync('.taskmaster', path.join(repo.root, 'st'));
    expect(await guardPath(guardOf(repo), 'g/config', 'read')).toMatchObject({ ok: false });
    expect(await guardPath(guardOf(repo), 'st/state.json', 'read')).toMatchObject({ ok: false });
  });

  it('refuses a nested repository .git and a symlink loop', async () => {
    const repo = makeRepo({ 'vendor/lib/.git/HEAD': 'ref\n' });
    symlinkSync('loop', path.join(repo.root, 'loop'));
    expect(await guardPath(guardOf(repo), 'vendor/lib/.git/HEAD', 'read')).toMatchObject({ ok: false });
    expect(await guardPath(guardOf(repo), 'loop/x', 'read')).toMatchObject({
      ok: false,
      error: expect.stringContaining('symlink loop') as string,
    });
  });

  it('refuses a NUL character', async () => {
    const repo = makeRepo();
    expect(await guardPath(guardOf(repo), 'a\0b', 'read')).toMatchObject({ ok: false });
  });

  it('protects a directory named without /** too, and through a symlink', async () => {
    const repo = makeRepo({ 'tests/test_a.py': '' });
    symlinkSync('tests', path.join(repo.root, 't'));
    const ctx = guardOf(repo, ['tests/']);
    expect(await guardPath(ctx, 'tests/test_b.py', 'write')).toMatchObject({ ok: false });
    expect(await guardPath(ctx, 't/test_a.py', 'write')).toMatchObject({ ok: false });
    expect(await guardPath(ctx, 'tests_helper.py', 'write')).toMatchObject({ ok: true });
  });
});

describe('the file tools refuse what the guard refuses, and write nothing outside', () => {
  it('read_file and write_file through a symlinked file that points outside', async () => {
    const repo = repoWithEscapes();
    const executor = makeExecutor(repo);
    const read = await call(executor, 'read_file', { path: 'link.txt' });
    expect(read).toMatchObject({
      isError: true,
      content: expect.stringContaining('outside the repository') as string,
    });
    expect(read.content).not.toContain('secret\n');
    const write = await call(executor, 'write_file', { path: 'link.txt', content: 'owned\n' });
    expect(write.isError).toBe(true);
    expect(readFileSync(path.join(repo.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
  });

  it('write_file and edit_file through a symlinked directory that points outside', async () => {
    const repo = repoWithEscapes();
    const executor = makeExecutor(repo);
    expect((await call(executor, 'write_file', { path: 'ext/new.txt', content: 'x' })).isError).toBe(true);
    expect((await call(executor, 'write_file', { path: 'ext/deep/er/new.txt', content: 'x' })).isError).toBe(
      true,
    );
    const edit = await call(executor, 'edit_file', {
      path: 'ext/secret.txt',
      old_text: 'secret',
      new_text: 'x',
    });
    expect(edit.isError).toBe(true);
    expect(existsSync(path.join(repo.outside, 'new.txt'))).toBe(false);
    expect(existsSync(path.join(repo.outside, 'deep'))).toBe(false);
    expect(readFileSync(path.join(repo.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(executor.changedFiles).toEqual([]);
  });

  it('write_file through a dangling symlink does not create its target', async () => {
    const repo = repoWithEscapes();
    const write = await call(makeExecutor(repo), 'write_file', { path: 'dangling.txt', content: 'x' });
    expect(write.isError).toBe(true);
    expect(existsSync(path.join(repo.outside, 'nothing.txt'))).toBe(false);
  });

  it('../ and absolute paths for every path-taking tool', async () => {
    const repo = repoWithEscapes();
    const executor = makeExecutor(repo);
    const calls: [string, Record<string, string>][] = [
      ['read_file', { path: '../outside/secret.txt' }],
      ['read_file', { path: '/etc/passwd' }],
      ['write_file', { path: '../outside/x.txt', content: 'x' }],
      ['edit_file', { path: '../outside/secret.txt', old_text: 'secret', new_text: 'x' }],
      ['list_files', { path: '..' }],
      ['search_files', { pattern: 'secret', path: '../outside' }],
      ['search_files', { pattern: 'secret', path: '/' }],
    ];
    for (const [name, input] of calls) {
      const result = await call(executor, name, input);
      expect(result.isError, `${name} ${JSON.stringify(input)}`).toBe(true);
    }
    expect(existsSync(path.join(repo.outside, 'x.txt'))).toBe(false);
    expect(readFileSync(path.join(repo.outside, 'secret.txt'), 'utf8')).toBe('secret\n');
  });

  it('.git/config can be neither read nor written', async () => {
    const repo = repoWithEscapes();
    const executor = makeExecutor(repo);
    const read = await call(executor, 'read_file', { path: '.git/config' });
    expect(read).toMatchObject({ isError: true, content: expect.stringContaining('.git/') as string });
    const write = await call(executor, 'write_file', {
      path: '.git/hooks/pre-commit',
      content: '#!/bin/sh\n',
    });
    expect(write.isError).toBe(true);
    expect(existsSync(path.join(repo.root, '.git/hooks'))).toBe(false);
  });

  it('.github/workflows/ is refused (CI runs with secrets), the rest of .github is not', async () => {
    const repo = makeRepo({ '.github/workflows/ci.yml': 'on: push\n' });
    const executor = makeExecutor(repo);
    const write = await call(executor, 'write_file', { path: '.github/workflows/ci.yml', content: 'evil' });
    expect(write).toMatchObject({
      isError: true,
      content: expect.stringContaining('.github/workflows/') as string,
    });
    expect(
      (await call(executor, 'write_file', { path: '.github/workflows/new.yml', content: 'x' })).isError,
    ).toBe(true);
    expect((await call(executor, 'read_file', { path: '.github/workflows/ci.yml' })).isError).toBe(true);
    expect(readFileSync(path.join(repo.root, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
    expect(
      (await call(executor, 'write_file', { path: '.github/CODEOWNERS', content: '* @me\n' })).isError,
    ).toBe(false);
  });

  it('the state directory can be neither read nor written, wherever it is', async () => {
    const repo = makeRepo({ '.taskmaster/state.json': '{"status":"running"}' });
    const executor = makeExecutor(repo);
    expect(await call(executor, 'read_file', { path: '.taskmaster/state.json' })).toMatchObject({
      isError: true,
      content: expect.stringContaining('state directory') as string,
    });
    expect(
      (await call(executor, 'write_file', { path: '.taskmaster/state.json', content: '{}' })).isError,
    ).toBe(true);
    expect(readFileSync(path.join(repo.stateDir, 'state.json'), 'utf8')).toBe('{"status":"running"}');

    mkdirSync(path.join(repo.root, 'custom-state'));
    const custom = makeExecutor(repo, { stateDir: path.join(repo.root, 'custom-state') });
    expect(
      (await call(custom, 'write_file', { path: 'custom-state/state.json', content: '{}' })).isError,
    ).toBe(true);
  });

  it('a protected_paths write is refused with the reason, a read is allowed', async () => {
    const repo = repoWithEscapes();
    const executor = makeExecutor(repo, { protectedPaths: ['tests/**'] });
    const write = await call(executor, 'write_file', { path: 'tests/test_app.py', content: 'assert True\n' });
    expect(write).toMatchObject({
      isError: true,
      content:
        "'tests/test_app.py' is protected by protected_paths; the tests judge your work, change the code instead",
    });
    const edit = await call(executor, 'edit_file', {
      path: 'tests/test_app.py',
      old_text: '1',
      new_text: 'True',
    });
    expect(edit.isError).toBe(true);
    expect((await call(executor, 'write_file', { path: 'tests/new_test.py', content: '' })).isError).toBe(
      true,
    );
    expect(readFileSync(path.join(repo.root, 'tests/test_app.py'), 'utf8')).toBe('assert 1\n');
    const read = await call(executor, 'read_file', { path: 'tests/test_app.py' });
    expect(read).toMatchObject({ isError: false, content: '   1| assert 1' });
  });
});
