import { describe, expect, it } from 'vitest';
import { normalizeOutput, stripAnsi } from '../../src/prompts/output-normalizer.js';
import { fixture } from './fixtures.js';

const tmp = { tmpRoots: ['/tmp'] };

describe('normalizeOutput', () => {
  it('makes two pytest runs of the same failure, in different temp dirs, identical', () => {
    const one = fixture('pytest-run1.txt');
    const two = fixture('pytest-run2.txt');
    expect(one).not.toBe(two);
    expect(normalizeOutput(one, tmp)).toBe(normalizeOutput(two, tmp));
  });

  it('makes two coloured vitest runs identical (timings, clock time, temp paths, colours)', () => {
    const one = fixture('vitest-color-run1.txt');
    const two = fixture('vitest-color-run2.txt');
    expect(one).not.toBe(two);
    const normalized = normalizeOutput(one, tmp);
    expect(normalized).toBe(normalizeOutput(two, tmp));
    expect(normalized).not.toContain('\u001b[');
    expect(normalized).toContain('Duration  <time>');
    expect(normalized).toContain('Start at  <time>');
  });

  it('shows the repository root as . and its files as ./path', () => {
    const out = normalizeOutput(
      "rootdir: /home/runner/work/app/app\nE   ImportError: cannot import name 'User' (/home/runner/work/app/app/app/models.py)",
      { repoRoot: '/home/runner/work/app/app', tmpRoots: [] },
    );
    expect(out).toBe("rootdir: .\nE   ImportError: cannot import name 'User' (./app/models.py)");
  });

  it('replaces the varying first segment of a temp path, including pytest tmp_path numbering', () => {
    const out = normalizeOutput(
      'wrote /tmp/xyz123/out.json\nsee /tmp/pytest-of-ci/pytest-17/test_save0/data.txt',
      tmp,
    );
    expect(out).toBe('wrote <tmp>/out.json\nsee <tmp>/test_save0/data.txt');
  });

  it('leaves paths that only contain "tmp" alone', () => {
    expect(normalizeOutput('/home/me/tmp/file.txt and src/tmp/x.ts', tmp)).toBe(
      '/home/me/tmp/file.txt and src/tmp/x.ts',
    );
  });

  it('strips durations in the forms test runners print them', () => {
    const out = normalizeOutput(
      [
        '    ✓ formats whole euros (3 ms)',
        '✔ adds (1.033992ms)',
        '--- FAIL: TestLogin (0.00s)',
        '==== 3 failed, 2 passed in 1.37s ====',
        'Time:        1.842 s, estimated 2 s',
        'ℹ duration_ms 188.137115',
        '     × subtracts 12ms',
      ].join('\n'),
      tmp,
    );
    expect(out).toBe(
      [
        '    ✓ formats whole euros',
        '✔ adds',
        '--- FAIL: TestLogin',
        '==== 3 failed, 2 passed in <time> ====',
        'Time:        <time>, estimated <time>',
        'ℹ duration_ms <time>',
        '     × subtracts <time>',
      ].join('\n'),
    );
  });

  it('strips timestamps and memory addresses but keeps line:column positions', () => {
    const out = normalizeOutput(
      '2025-11-16T10:00:00.123Z started\n[12:34:56 PM] watching\n<Response object at 0x7f5213e80e10>\nsrc/a.ts:12:34 - error',
      tmp,
    );
    expect(out).toBe(
      '<timestamp> started\n[<time>] watching\n<Response object at 0x<addr>>\nsrc/a.ts:12:34 - error',
    );
  });

  it('keeps only what a progress bar drew last and drops trailing spaces', () => {
    expect(normalizeOutput('progress 10%\rprogress 100%   \r\nnext\r\n', tmp)).toBe('progress 100%\nnext\n');
  });

  it('stripAnsi removes colours and hyperlinks', () => {
    expect(stripAnsi('\u001b[31mred\u001b[39m \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007')).toBe(
      'red link',
    );
  });
});
