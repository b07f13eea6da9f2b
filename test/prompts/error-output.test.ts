import { describe, expect, it } from 'vitest';
import { boundLines, formatErrorOutput } from '../../src/prompts/error-output.js';
import { fixture, hookResult } from './fixtures.js';

const tmp = { tmpRoots: ['/tmp'] };
const numbered = (n: number, from = 1) => Array.from({ length: n }, (_v, i) => `line ${i + from}`);

describe('boundLines', () => {
  it('keeps short output whole', () => {
    expect(boundLines(numbered(5), 2, 2)).toEqual({ lines: numbered(5), total: 5, cut: 0 });
  });

  it('keeps head and tail around one marker with the count of lines cut', () => {
    const out = boundLines(numbered(10), 2, 3);
    expect(out.lines).toEqual(['line 1', 'line 2', '[... 5 lines cut ...]', 'line 8', 'line 9', 'line 10']);
    expect(out).toMatchObject({ total: 10, cut: 5 });
  });

  it('adds an earlier cut (from the hook runner) to its own count', () => {
    const lines = [...numbered(4), '[... 100 lines cut ...]', ...numbered(4, 105)];
    const out = boundLines(lines, 2, 2);
    expect(out.lines).toEqual(['line 1', 'line 2', '[... 104 lines cut ...]', 'line 107', 'line 108']);
    expect(out).toMatchObject({ total: 108, cut: 104 });
  });
});

describe('formatErrorOutput', () => {
  it('shows the hook, command, exit code and normalised output', () => {
    const text = formatErrorOutput([hookResult({ output: fixture('pytest-run1.txt') })], tmp);
    expect(text).toMatch(
      /^Hook: test\nCommand: pytest tests\/ -v\nExit: exit code 1\nOutput \(53 lines\):\n/,
    );
    expect(text).toContain('E       assert 401 == 200');
    expect(text).toContain('in <time> ===');
    expect(text).not.toMatch(/0x7f|tmp\.\w{6}/);
  });

  it('cuts long output, says how much, and brings back failing lines from the cut part', () => {
    const noise = numbered(300).map((l) => `collecting ${l}`);
    const output = [
      ...noise.slice(0, 150),
      'src/a.ts(3,7): error TS2322: Type x is wrong.',
      ...noise.slice(150),
    ].join('\n');
    const text = formatErrorOutput(
      [hookResult({ hook: 'typecheck', command: 'tsc --noEmit', output })],
      tmp,
      {
        headLines: 5,
        tailLines: 5,
        maxLineLength: 500,
        maxRelevant: 30,
      },
    );
    expect(text).toContain('Output (301 lines, 291 cut from the middle):');
    expect(text).toContain('[... 291 lines cut ...]');
    expect(text).toMatch(
      /Failing lines from the cut part:\nsrc\/a\.ts\(3,7\): error TS2322: Type x is wrong\.$/,
    );
  });

  it('describes timeouts, missing output and multi-line commands', () => {
    const text = formatErrorOutput([
      hookResult({
        hook: 'e2e',
        command: 'npm run build &&\nnpm run e2e\n',
        timedOut: true,
        exitCode: null,
        durationMs: 600_000,
      }),
    ]);
    expect(text).toBe(
      'Hook: e2e\nCommand:\n  npm run build &&\n  npm run e2e\nExit: timed out after 600s (process tree killed)\nOutput: (none captured)',
    );
  });

  it('cuts very long lines and keeps output lines from closing the prompt fence', () => {
    const text = formatErrorOutput([hookResult({ output: `${'x'.repeat(600)}\n\`\`\`diff` })], tmp);
    expect(text).toContain(`${'x'.repeat(500)} [… 100 characters cut]`);
    expect(text).toContain('\n ```diff');
  });

  it('separates several failed hooks with a blank line', () => {
    const text = formatErrorOutput([
      hookResult({ hook: 'lint', output: 'e' }),
      hookResult({ hook: 'test', output: 'f' }),
    ]);
    expect(text).toMatch(/^Hook: lint\n[\s\S]*\n\nHook: test\n/);
  });
});
