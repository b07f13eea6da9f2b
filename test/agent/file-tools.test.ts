import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileToolExecutor } from '../../src/agent/file-tools.js';
import { call, makeExecutor, makeRepo } from './temp-repo.js';

const numbered = (n: number): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('read_file', () => {
  it('returns numbered lines and a range', async () => {
    const repo = makeRepo({ 'a.txt': 'alpha\r\nbeta\ngamma\n' });
    const executor = makeExecutor(repo);
    expect(await call(executor, 'read_file', { path: 'a.txt' })).toMatchObject({
      isError: false,
      content: '   1| alpha\n   2| beta\n   3| gamma',
    });
    const range = await call(executor, 'read_file', { path: 'a.txt', start_line: 2, end_line: 2 });
    expect(range.content).toBe('   2| beta\n[lines 2-2 of 3]');
  });

  it('caps long files at 2,000 lines and says where to read on', async () => {
    const repo = makeRepo({ 'big.txt': numbered(2500) });
    const result = await call(makeExecutor(repo), 'read_file', { path: 'big.txt' });
    const lines = result.content.split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[1999]).toBe('2000| line 2000');
    expect(lines[2000]).toBe('[lines 1-2000 of 2500 shown; read on with start_line: 2001]');
    const rest = await call(makeExecutor(repo), 'read_file', { path: 'big.txt', start_line: 2001 });
    expect(rest.content.split('\n')[0]).toBe('2001| line 2001');
  });

  it('caps by size too', async () => {
    const repo = makeRepo({ 'wide.txt': `${'x'.repeat(1000)}\n`.repeat(1000) });
    const result = await call(makeExecutor(repo), 'read_file', { path: 'wide.txt' });
    expect(Buffer.byteLength(result.content)).toBeLessThan(260 * 1024);
    expect(result.content).toMatch(/\[lines 1-\d+ of 1000 shown; read on with start_line: \d+\]$/);
  });

  it('refuses binary files, directories, missing files and ranges past the end', async () => {
    const repo = makeRepo({ 'img.png': '', 'src/a.ts': 'x\n' });
    repo.write('img.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    const executor = makeExecutor(repo);
    const expectations: [Record<string, unknown>, string][] = [
      [{ path: 'img.png' }, 'binary file'],
      [{ path: 'src' }, 'is a directory'],
      [{ path: 'nope.ts' }, 'does not exist'],
      [{ path: 'src/a.ts', start_line: 5 }, 'past the end'],
      [{ path: 'src/a.ts', start_line: 2, end_line: 1 }, 'past the end'],
    ];
    for (const [input, message] of expectations) {
      const result = await call(executor, 'read_file', input);
      expect(result, JSON.stringify(input)).toMatchObject({
        isError: true,
        content: expect.stringContaining(message),
      });
    }
  });
});

describe('write_file', () => {
  it('creates parent directories, overwrites, and records the file', async () => {
    const repo = makeRepo({ 'old.txt': 'old\n' });
    const executor = makeExecutor(repo);
    const created = await call(executor, 'write_file', { path: 'src/deep/new.ts', content: 'a\nb\n' });
    expect(created).toMatchObject({
      isError: false,
      content: "created 'src/deep/new.ts' (2 lines, 4 bytes)",
    });
    expect(readFileSync(path.join(repo.root, 'src/deep/new.ts'), 'utf8')).toBe('a\nb\n');
    const over = await call(executor, 'write_file', { path: 'old.txt', content: 'new\n' });
    expect(over.content).toContain('overwrote');
    expect(readFileSync(path.join(repo.root, 'old.txt'), 'utf8')).toBe('new\n');
    expect(executor.changedFiles).toEqual(['old.txt', 'src/deep/new.ts']);
  });

  it('refuses to overwrite a directory', async () => {
    const repo = makeRepo({ 'src/a.ts': '' });
    const executor = makeExecutor(repo);
    expect(await call(executor, 'write_file', { path: 'src', content: 'x' })).toMatchObject({
      isError: true,
    });
    expect(executor.changedFiles).toEqual([]);
  });
});

describe('edit_file', () => {
  const source = 'def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n';

  it('replaces the one exact occurrence', async () => {
    const repo = makeRepo({ 'calc.py': source });
    const executor = makeExecutor(repo);
    const result = await call(executor, 'edit_file', {
      path: 'calc.py',
      old_text: 'def add(a, b):\n    return a - b',
      new_text: 'def add(a, b):\n    return a + b',
    });
    expect(result).toMatchObject({
      isError: false,
      content: "edited 'calc.py': replaced 2 lines at line 1 with 2 lines",
    });
    expect(readFileSync(path.join(repo.root, 'calc.py'), 'utf8')).toBe(source.replace('a - b', 'a + b'));
    expect(executor.changedFiles).toEqual(['calc.py']);
  });

  it('keeps $ patterns in new_text literal', async () => {
    const repo = makeRepo({ 'a.js': 'const x = 1;\n' });
    await call(makeExecutor(repo), 'edit_file', { path: 'a.js', old_text: '1', new_text: "'$&$1'" });
    expect(readFileSync(path.join(repo.root, 'a.js'), 'utf8')).toBe("const x = '$&$1';\n");
  });

  it('lists the line numbers when old_text occurs several times, and changes nothing', async () => {
    const repo = makeRepo({ 'calc.py': source });
    const result = await call(makeExecutor(repo), 'edit_file', {
      path: 'calc.py',
      old_text: 'return a - b',
      new_text: 'return a + b',
    });
    expect(result).toMatchObject({ isError: true, content: expect.stringContaining('occurs 2 times') });
    expect(result.content).toContain('at lines 2, 6');
    expect(readFileSync(path.join(repo.root, 'calc.py'), 'utf8')).toBe(source);
  });

  it('names the closest lines when old_text matches nowhere', async () => {
    const repo = makeRepo({ 'calc.py': source });
    const result = await call(makeExecutor(repo), 'edit_file', {
      path: 'calc.py',
      old_text: 'def sub(a, b):\n  return a - c',
      new_text: 'x',
    });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('The closest text is lines 5-6');
    expect(result.content).toContain('   5| def sub(a, b):\n   6|     return a - b');
    expect(readFileSync(path.join(repo.root, 'calc.py'), 'utf8')).toBe(source);
  });

  it('says when only whitespace differs, and when nothing resembles old_text', async () => {
    const repo = makeRepo({ 'calc.py': source });
    const executor = makeExecutor(repo);
    const indent = await call(executor, 'edit_file', {
      path: 'calc.py',
      old_text: 'def add(a, b):\n  return a - b',
      new_text: 'x',
    });
    expect(indent.content).toContain('lines 1-2 (identical except for whitespace)');
    const none = await call(executor, 'edit_file', {
      path: 'calc.py',
      old_text: 'zzzzzzzzzzzzzzzzzzzz',
      new_text: 'x',
    });
    expect(none.content).toContain('Nothing in the file resembles it');
  });

  it('matches a file with CRLF line endings and keeps them', async () => {
    const repo = makeRepo({ 'win.txt': 'one\r\ntwo\r\nthree\r\n' });
    const result = await call(makeExecutor(repo), 'edit_file', {
      path: 'win.txt',
      old_text: 'one\ntwo',
      new_text: 'uno\ndos',
    });
    expect(result.isError).toBe(false);
    expect(readFileSync(path.join(repo.root, 'win.txt'), 'utf8')).toBe('uno\r\ndos\r\nthree\r\n');
  });

  it('refuses an empty old_text, an edit that changes nothing, and a missing file', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const executor = makeExecutor(repo);
    expect(
      (await call(executor, 'edit_file', { path: 'a.txt', old_text: '', new_text: 'b' })).content,
    ).toContain('empty');
    expect(
      (await call(executor, 'edit_file', { path: 'a.txt', old_text: 'a', new_text: 'a' })).content,
    ).toContain('the same');
    expect(
      (await call(executor, 'edit_file', { path: 'b.txt', old_text: 'a', new_text: 'b' })).content,
    ).toContain('does not exist');
    expect(executor.changedFiles).toEqual([]);
  });
});

describe('run_checks and finish', () => {
  it('run_checks returns what the task checks said; a throwing check is an error result', async () => {
    const repo = makeRepo();
    const passing = makeExecutor(repo, {
      runChecks: () => Promise.resolve('FAILED: test (exit 1)\n1 failed'),
    });
    expect(await call(passing, 'run_checks', {})).toMatchObject({
      isError: false,
      content: 'FAILED: test (exit 1)\n1 failed',
    });
    const broken = makeExecutor(repo, { runChecks: () => Promise.reject(new Error('hook runner crashed')) });
    expect(await call(broken, 'run_checks', {})).toMatchObject({
      isError: true,
      content: expect.stringContaining('hook runner crashed'),
    });
  });

  it('finish returns ok and needs a summary', async () => {
    const executor = makeExecutor(makeRepo());
    expect(await call(executor, 'finish', { summary: 'done' })).toEqual({
      callId: expect.any(String),
      name: 'finish',
      content: 'ok',
      isError: false,
    });
    expect(await call(executor, 'finish', {})).toMatchObject({
      isError: true,
      content: expect.stringContaining("missing field 'summary'"),
    });
  });
});

describe('malformed calls get an error result naming what was expected', () => {
  it('missing fields, wrong types, unknown fields', async () => {
    const executor = makeExecutor(makeRepo({ 'a.txt': 'a\n' }));
    const missing = await call(executor, 'write_file', { path: 'a.txt' });
    expect(missing).toMatchObject({ isError: true });
    expect(missing.content).toContain("missing field 'content'");
    expect(missing.content).toContain('Expected write_file{path: string, content: string}');
    const wrongType = await call(executor, 'read_file', { path: 'a.txt', start_line: '3' });
    expect(wrongType.content).toContain("'start_line' expected number");
    const unknown = await call(executor, 'read_file', { file_path: 'a.txt' });
    expect(unknown.content).toContain("unknown field(s) 'file_path'");
    const notObject = await call(executor, 'list_files', 'src');
    expect(notObject.content).toContain('must be a JSON object');
  });

  it('null for an optional field is accepted (strict function-calling modes send it)', async () => {
    const executor = makeExecutor(makeRepo({ 'a.txt': 'a\n' }));
    const result = await call(executor, 'read_file', { path: 'a.txt', start_line: null, end_line: null });
    expect(result).toMatchObject({ isError: false, content: '   1| a' });
  });

  it('an unparseable input from the provider, and an unknown tool', async () => {
    const executor = makeExecutor(makeRepo());
    const bad = await executor.execute({
      id: 'c1',
      name: 'write_file',
      input: undefined,
      inputError: 'Unexpected end of JSON input',
    });
    expect(bad).toMatchObject({ callId: 'c1', isError: true });
    expect(bad.content).toContain('Unexpected end of JSON input');
    expect(bad.content).toContain('write_file{path: string, content: string}');
    const unknown = await call(executor, 'delete_file', { path: 'a' });
    expect(unknown).toMatchObject({ isError: true, name: 'delete_file' });
    expect(unknown.content).toContain("unknown tool 'delete_file'");
    expect(unknown.content).toContain('search_files{pattern: string, path?: string}');
  });

  it('never throws, even when the repository root is gone', async () => {
    const executor = new FileToolExecutor({
      repoRoot: '/nonexistent/repo',
      taskPath: '.',
      stateDir: '/nonexistent/repo/.taskmaster',
      protectedPaths: [],
      judgePaths: [],
      runChecks: () => Promise.resolve(''),
    });
    expect((await call(executor, 'list_files', {})).isError).toBe(true);
    expect((await call(executor, 'read_file', { path: 'a' })).isError).toBe(true);
  });
});
