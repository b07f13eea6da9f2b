import { describe, expect, it } from 'vitest';
import { TerminalWriter } from '../../src/cli/terminal-writer.js';
import { createRedactor } from '../../src/util/redact.js';

const TOKEN = 'ghp_abcdefghij0123456789';

function writer(): { out: string[]; writer: TerminalWriter } {
  const out: string[] = [];
  return {
    out,
    writer: new TerminalWriter({ write: (text: string) => out.push(text) }, createRedactor([TOKEN])),
  };
}

describe('the terminal writer with secrets', () => {
  it('masks a secret a hook printed in two chunks, and ends the line it held back before the next one', () => {
    const { out, writer: w } = writer();

    w.stream('token=ghp_abcde', '| ');
    w.stream('fghij0123456789\nstarts ghp_', '| ');
    w.line('✓ test passed');

    expect(out.join('')).toBe('| token=***\n| starts ghp_\n✓ test passed\n');
  });

  it('hands out held-back text when the output ends', () => {
    const { out, writer: w } = writer();

    w.stream('last words: ghp', '| ');
    w.settle();

    expect(out.join('')).toBe('| last words: ghp\n');
  });
});
