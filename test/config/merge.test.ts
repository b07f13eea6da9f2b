import { describe, expect, it } from 'vitest';
import { mergeFiles } from '../../src/config/merge.js';

describe('mergeFiles (task file over .taskmaster.yml)', () => {
  it('replaces scalars and lists', () => {
    const merged = mergeFiles(
      { max_attempts_per_task: 3, protected_paths: ['a/**'], on_give_up: 'ask' },
      { max_attempts_per_task: 5, protected_paths: ['b/**'] },
    );
    expect(merged).toEqual({ max_attempts_per_task: 5, protected_paths: ['b/**'], on_give_up: 'ask' });
  });

  it('merges hooks and providers entry by entry, taking an entry in both files whole from the task file', () => {
    const merged = mergeFiles(
      { hooks: { test: { command: 'npm test', timeout: 600 }, lint: { command: 'eslint .' } } },
      { hooks: { test: { command: 'vitest run' } }, provider_configs: { replay: { type: 'scripted' } } },
    );
    expect(merged.hooks).toEqual({ test: { command: 'vitest run' }, lint: { command: 'eslint .' } });
    expect(merged.provider_configs).toEqual({ replay: { type: 'scripted' } });
  });

  it('merges sections key by key and template variables entry by entry', () => {
    const merged = mergeFiles(
      {
        hook_defaults: { pre_hooks: ['format'], post_hooks: ['test'] },
        prompt_templates: { system: '/c/system.txt', variables: { project_name: 'Shop', language: 'Go' } },
      },
      {
        hook_defaults: { post_hooks: ['lint'] },
        prompt_templates: { task: '/t/task.txt', variables: { language: 'Rust' } },
      },
    );
    expect(merged.hook_defaults).toEqual({ pre_hooks: ['format'], post_hooks: ['lint'] });
    expect(merged.prompt_templates).toEqual({
      system: '/c/system.txt',
      task: '/t/task.txt',
      variables: { project_name: 'Shop', language: 'Rust' },
    });
  });
});
