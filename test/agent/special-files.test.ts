import { execFileSync } from 'node:child_process';
import { linkSync, readFileSync, statSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, makeExecutor, makeRepo, type TempRepo } from './temp-repo.js';

/** A repository with a real named pipe (`mkfifo`) at `src/pipe` beside ordinary files. */
function repoWithFifo(): TempRepo {
  const repo = makeRepo({ 'src/app.ts': 'export const pipe = 1;\n' });
  execFileSync('mkfifo', [path.join(repo.root, 'src/pipe')]);
  return repo;
}

describe('special files', () => {
  it('read_file refuses a named pipe at once instead of waiting for a writer forever', async () => {
    const repo = repoWithFifo();
    const result = await call(makeExecutor(repo), 'read_file', { path: 'src/pipe' });
    expect(result).toMatchObject({ isError: true });
    expect(result.content).toBe(
      "'src/pipe' is a named pipe (FIFO), not a regular file; the file tools only read and write regular files",
    );
  });

  it('write_file and edit_file refuse it too, and it stays a pipe', async () => {
    const repo = repoWithFifo();
    const executor = makeExecutor(repo);
    const write = await call(executor, 'write_file', { path: 'src/pipe', content: 'x' });
    expect(write.content).toContain('is a named pipe (FIFO)');
    const edit = await call(executor, 'edit_file', { path: 'src/pipe', old_text: 'a', new_text: 'b' });
    expect(edit.content).toContain('is a named pipe (FIFO)');
    expect(statSync(path.join(repo.root, 'src/pipe')).isFIFO()).toBe(true);
  });

  it('search_files and list_files leave it out of a directory, and refuse it as the path', async () => {
    const repo = repoWithFifo();
    const executor = makeExecutor(repo);
    expect((await call(executor, 'search_files', { pattern: 'pipe' })).content).toBe(
      'src/app.ts:1: export const pipe = 1;',
    );
    expect((await call(executor, 'list_files', {})).content).toBe('src/app.ts');
    const searchPipe = await call(executor, 'search_files', { pattern: 'x', path: 'src/pipe' });
    expect(searchPipe).toMatchObject({ isError: true });
    expect(searchPipe.content).toContain('is a named pipe (FIFO)');
    const listPipe = await call(executor, 'list_files', { path: 'src/pipe' });
    expect(listPipe).toMatchObject({ isError: true });
  });
});

describe('hard links', () => {
  /** `repo/data.txt` is the same file as `outside/data.txt`. */
  function linkedRepo(): { repo: TempRepo; outsideFile: string } {
    const repo = makeRepo();
    const outsideFile = path.join(repo.outside, 'data.txt');
    repo.write('../outside/data.txt', 'outside content\n');
    linkSync(outsideFile, path.join(repo.root, 'data.txt'));
    return { repo, outsideFile };
  }

  it('write_file replaces the repository file and leaves the file outside unchanged', async () => {
    const { repo, outsideFile } = linkedRepo();
    const result = await call(makeExecutor(repo), 'write_file', { path: 'data.txt', content: 'new\n' });
    expect(result).toMatchObject({ isError: false });
    expect(readFileSync(path.join(repo.root, 'data.txt'), 'utf8')).toBe('new\n');
    expect(readFileSync(outsideFile, 'utf8')).toBe('outside content\n');
  });

  it('edit_file does the same', async () => {
    const { repo, outsideFile } = linkedRepo();
    const result = await call(makeExecutor(repo), 'edit_file', {
      path: 'data.txt',
      old_text: 'outside',
      new_text: 'edited',
    });
    expect(result).toMatchObject({ isError: false });
    expect(readFileSync(path.join(repo.root, 'data.txt'), 'utf8')).toBe('edited content\n');
    expect(readFileSync(outsideFile, 'utf8')).toBe('outside content\n');
  });

  it('keeps the permissions of the file it replaces: a script stays executable', async () => {
    const repo = makeRepo({ 'run.sh': '#!/bin/sh\n' });
    chmodSync(path.join(repo.root, 'run.sh'), 0o755);
    await call(makeExecutor(repo), 'write_file', { path: 'run.sh', content: '#!/bin/sh\necho hi\n' });
    expect(statSync(path.join(repo.root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  // Root may write a read-only file anyway, with or without the rename.
  it.skipIf(process.getuid?.() === 0)('a read-only file stays refused', async () => {
    const repo = makeRepo({ 'locked.txt': 'locked\n' });
    chmodSync(path.join(repo.root, 'locked.txt'), 0o444);
    const locked = await call(makeExecutor(repo), 'write_file', { path: 'locked.txt', content: 'x' });
    expect(locked).toMatchObject({ isError: true });
    expect(readFileSync(path.join(repo.root, 'locked.txt'), 'utf8')).toBe('locked\n');
  });
});
