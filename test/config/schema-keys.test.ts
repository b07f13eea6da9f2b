import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, knownKeysAt } from '../../src/config/schema-keys.js';
import { DEFAULTS } from '../../src/config/types.js';

describe('schema keys', () => {
  it('knows the keys allowed at each place, through records and lists', () => {
    expect(knownKeysAt(['hooks', 'any-name'])).toContain('stop_on_failure');
    expect(knownKeysAt(['tasks', 3])).toEqual(expect.arrayContaining(['id', 'title', 'pre_hooks']));
    expect(knownKeysAt(['provider_configs', 'x', 'rate_limits'])).toContain('max_tokens_day');
    expect(knownKeysAt(['hooks', 'x', 'env'])).toEqual([]);
  });

  it('lists every key path, in the spelling the docs use', () => {
    expect(CONFIG_KEYS).toEqual(
      expect.arrayContaining([
        'default_provider',
        'provider_configs.<name>.rate_limits.max_requests_minute',
        'hooks.<name>.timeout',
        'tasks[].post_hooks',
        'prompt_templates.variables',
        'prompt_context.max_file_size',
      ]),
    );
  });

  it('covers every default in DEFAULTS', () => {
    const topLevel = Object.keys(DEFAULTS).filter(
      (k) => !['hook', 'prompt_context', 'provider_max_tokens'].includes(k),
    );
    for (const key of topLevel) expect(CONFIG_KEYS).toContain(key);
    for (const key of Object.keys(DEFAULTS.hook)) expect(CONFIG_KEYS).toContain(`hooks.<name>.${key}`);
    for (const key of Object.keys(DEFAULTS.prompt_context))
      expect(CONFIG_KEYS).toContain(`prompt_context.${key}`);
  });
});
