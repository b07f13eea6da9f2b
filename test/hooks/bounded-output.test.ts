import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedOutput, boundOutput } from '../../src/hooks/bounded-output.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

const numbered = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('BoundedOutput', () => {
  it('keeps short output whole', () => {
    expect(boundOutput('a\nb\nc\n')).toBe('a\nb\nc');
  });

  it('keeps the first 60 and last 200 lines of long output, counting the cut ones', () => {
    const text = `${numbered(1, 1000).join('\n')}\n`;
    expect(boundOutput(text)).toBe(
      [...numbered(1, 60), '[... 740 lines cut ...]', ...numbered(801, 1000)].join('\n'),
    );
  });

  it('assembles lines split across writes, per source, so interleaved streams keep whole lines', () => {
    const output = new BoundedOutput();
    output.write('std', 'stdout');
    output.write('error line\n', 'stderr');
    output.write('out line\nunfinished', 'stdout');

    expect(output.text()).toBe('error line\nstdout line\nunfinished');
  });

  it('caps the kept bytes, taking lines from the tail first', () => {
    const line = 'x'.repeat(999);
    const output = new BoundedOutput({ maxBytes: 20_000 });
    for (let i = 0; i < 100; i += 1) output.write(`${line}\n`);
    const kept = output.text();

    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(20_100);
    expect(output.linesCut).toBe(80);
    expect(kept).toContain('[... 80 lines cut ...]');
  });

  it('cuts an overlong line, saying how much was cut', () => {
    const output = new BoundedOutput({ maxLineLength: 100 });
    for (let i = 0; i < 50; i += 1) output.write('y'.repeat(1000));
    output.write('\nnext\n');

    expect(output.text()).toBe(`${'y'.repeat(100)} [... 49900 characters cut ...]\nnext`);
  });

  it('stays small in memory while 32 MB stream through it', () => {
    const chunk = `${'z'.repeat(63)}\n`.repeat(1024);
    const output = new BoundedOutput();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 512; i += 1) output.write(chunk);
    const grown = process.memoryUsage().heapUsed - before;
    const kept = output.text();

    // Keeping everything would hold over 40 MB of strings; bounded, it grows by about 3 MB here.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(64 * 1024 + 100);
    expect(kept).toContain('[... 524028 lines cut ...]');
  });
});

describe('ProcessHookRunner output bounding', () => {
  it('keeps head, tail and a cut marker of a hook printing 100k lines, while the log has all of them', async () => {
    const dir = tempDir();
    const logFile = join(dir, 'post.log');
    const hook = makeHook({ command: 'seq 1 100000; exit 1', quiet: true });
    const result = await makeRunner(dir).run(hook, { phase: 'post', logFile });
    const lines = result.output.split('\n');

    expect(lines.slice(0, 60)).toEqual(numbered(1, 60));
    expect(lines[60]).toBe('[... 99740 lines cut ...]');
    expect(lines.slice(61)).toEqual(numbered(99_801, 100_000));
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain(`\n${numbered(1, 100_000).join('\n')}\n`);
  });
});
