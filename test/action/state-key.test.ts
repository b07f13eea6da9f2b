import { describe, expect, it } from 'vitest';
import { defaultStateKeyPrefix, saveKey, stateKeyPrefix } from '../../src/action/state-key.js';

describe('state keys', () => {
  it('default to one run per task file and branch', () => {
    const a = defaultStateKeyPrefix('tasks.yml', 'feature/login');
    expect(a).toMatch(/^taskmaster-[0-9a-f]{8}-feature\/login-$/);
    expect(defaultStateKeyPrefix('tasks.yml', 'feature/login')).toBe(a);
    expect(defaultStateKeyPrefix('other.yml', 'feature/login')).not.toBe(a);
    expect(defaultStateKeyPrefix('tasks.yml', 'main')).not.toBe(a);
  });

  it('take the state-key input as the prefix, ending it with a dash', () => {
    expect(stateKeyPrefix('nightly', 'tasks.yml', 'main')).toBe('nightly-');
    expect(stateKeyPrefix('nightly-', 'tasks.yml', 'main')).toBe('nightly-');
    expect(stateKeyPrefix(undefined, 'tasks.yml', 'main')).toBe(defaultStateKeyPrefix('tasks.yml', 'main'));
  });

  it('never hold what the cache service refuses (commas, spaces, over-long keys)', () => {
    expect(stateKeyPrefix('a,b c', 'tasks.yml', 'main')).toBe('a_b_c-');
    const long = stateKeyPrefix('x'.repeat(600), 'tasks.yml', 'main');
    expect(saveKey(long, '123456789012', '1', 2).length).toBeLessThanOrEqual(512);
  });

  it('make every save unique within a run attempt', () => {
    expect(saveKey('p-', '99', '2', 1)).toBe('p-99-2-1');
    expect(saveKey('p-', '99', '2', 2)).not.toBe(saveKey('p-', '99', '2', 1));
  });
});
