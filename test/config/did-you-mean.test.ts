import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, suggestion } from '../../src/config/did-you-mean.js';

const HOOK_KEYS = [
  'command',
  'description',
  'timeout',
  'stop_on_failure',
  'working_dir',
  'env',
  'retry_count',
];

describe('did you mean', () => {
  it('finds typos, dropped letters and swapped letters', () => {
    expect(closestMatch('tmeout', HOOK_KEYS)).toBe('timeout');
    expect(closestMatch('comand', HOOK_KEYS)).toBe('command');
    expect(closestMatch('retry_cuont', HOOK_KEYS)).toBe('retry_count');
  });

  it('ignores case, dashes and camelCase', () => {
    expect(closestMatch('stopOnFailure', HOOK_KEYS)).toBe('stop_on_failure');
    expect(closestMatch('working-dir', HOOK_KEYS)).toBe('working_dir');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestMatch('priority', HOOK_KEYS)).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });

  it('phrases the hint, or lists the choices when nothing is close', () => {
    expect(didYouMean('tst', ['test', 'lint'])).toBe('did you mean "test"?');
    expect(suggestion('deploy', ['test', 'lint'], 'define it')).toBe('use one of: test, lint');
    expect(suggestion('deploy', [], 'define it')).toBe('define it');
  });
});
