import { describe, expect, it } from 'vitest';
import { ConfigError, ProviderError } from '../src/errors.js';

describe('ConfigError', () => {
  it('lists every problem with file:line:column and the fix', () => {
    const err = new ConfigError([
      {
        file: 'tasks.yml',
        line: 3,
        column: 5,
        path: 'tasks[0].titel',
        message: 'unknown key',
        fix: 'did you mean "title"?',
      },
      { file: '.taskmaster.yml', message: 'no providers configured' },
    ]);
    expect(err.message).toContain('2 problems found');
    expect(err.message).toContain('tasks.yml:3:5: tasks[0].titel: unknown key');
    expect(err.message).toContain('did you mean "title"?');
    expect(err.message).toContain('.taskmaster.yml: no providers configured');
  });
});

describe('ProviderError', () => {
  it('marks only transient kinds as retryable', () => {
    const mk = (kind: ConstructorParameters<typeof ProviderError>[0]['kind']) =>
      new ProviderError({ provider: 'claude', kind, message: 'x' }).retryable;
    expect(mk('rate-limit')).toBe(true);
    expect(mk('overloaded')).toBe(true);
    expect(mk('connection')).toBe(true);
    expect(mk('auth')).toBe(false);
    expect(mk('quota')).toBe(false);
    expect(mk('bad-request')).toBe(false);
  });
});
