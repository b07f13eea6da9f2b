import { describe, expect, it } from 'vitest';
import { shellQuote, showDir, statePaths } from '../../src/state/state-paths.js';
import { formatPath } from '../../src/state/state-file-format.js';

describe('paths shown in messages', () => {
  it('shows ordinary paths as they are and quotes the rest for the shell', () => {
    expect(shellQuote('.taskmaster/state.json')).toBe('.taskmaster/state.json');
    expect(shellQuote('/tmp/my run')).toBe("'/tmp/my run'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('joins the shown directory without doubling separators', () => {
    const paths = statePaths('/abs/.taskmaster', '.taskmaster/');
    expect(paths.show('state.json')).toBe('.taskmaster/state.json');
    expect(showDir(paths)).toBe('.taskmaster/');
    expect(showDir(statePaths('/tmp/my-run'))).toBe('/tmp/my-run/');
  });

  it('writes field paths with dots and array positions', () => {
    expect(formatPath(['token_usage', 'by_task', 'task-1', 'attempts', 0, 'input_tokens'])).toBe(
      'token_usage.by_task.task-1.attempts[0].input_tokens',
    );
  });
});
