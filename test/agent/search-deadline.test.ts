import { describe, expect, it } from 'vitest';
import { call, makeExecutor, makeRepo } from './temp-repo.js';

describe('search_files under a deadline', () => {
  it('a catastrophic pattern on a 5,000-character line ends with an error result, and the event loop stays free', async () => {
    const repo = makeRepo({ 'src/long.txt': `${'a'.repeat(5000)}!\n`, 'src/ok.txt': 'aaa\n' });
    const executor = makeExecutor(repo, { searchDeadlineMs: 1000 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = Date.now();
    const result = await call(executor, 'search_files', { pattern: '(a+)+$', path: 'src' });
    clearInterval(ticker);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(result).toMatchObject({ isError: true });
    expect(result.content).toContain('the search took longer than 1 second');
    expect(result.content).toContain('simplify the pattern');
    // Timers ran while the pattern backtracked: signals (Ctrl+C, SIGTERM) would have been handled too.
    expect(ticks).toBeGreaterThan(3);
  });

  it('keeps JavaScript regular expression syntax (lookarounds and backreferences)', async () => {
    const repo = makeRepo({ 'a.ts': 'const foo = foo;\nconst bar = baz;\nfooBar()\n' });
    const executor = makeExecutor(repo);
    expect((await call(executor, 'search_files', { pattern: '(\\w+) = \\1;' })).content).toBe(
      'a.ts:1: const foo = foo;',
    );
    expect((await call(executor, 'search_files', { pattern: 'foo(?=Bar)' })).content).toBe(
      'a.ts:3: fooBar()',
    );
  });
});
