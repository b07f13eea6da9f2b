import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { renderTemplate } from '../../src/prompts/template-renderer.js';

describe('renderTemplate', () => {
  it('replaces every {{name}}, with or without spaces inside the braces', () => {
    expect(
      renderTemplate('# {{task_title}} in {{ task_path }}, again {{task_title}}', {
        task_title: 'Login',
        task_path: 'api',
      }),
    ).toBe('# Login in api, again Login');
  });

  it('does not re-render placeholders that arrive inside values', () => {
    const out = renderTemplate('{{file_contents}}', { file_contents: '<h1>{{ title }}</h1>' });
    expect(out).toBe('<h1>{{ title }}</h1>');
  });

  it('renders an empty value as nothing and leaves text without placeholders alone', () => {
    expect(renderTemplate('a{{x}}b {not} {{', { x: '' })).toBe('ab {not} {{');
  });

  it('throws a ConfigError naming the template, line, column and a close match for an unknown name', () => {
    const text = 'Title: {{task_title}}\nHooks: {{post_hook}}';
    let error: unknown;
    try {
      renderTemplate(text, { task_title: 't', post_hooks: 'p' }, '.taskmaster/prompts/task.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems[0];
    expect(problem).toMatchObject({ file: '.taskmaster/prompts/task.txt', line: 2, column: 8 });
    expect(problem?.message).toBe('unknown template variable "{{post_hook}}"');
    expect(problem?.fix).toMatch(/did you mean "\{\{post_hooks\}\}"\?/);
  });

  it('reports every unknown name at once, suggesting only close names', () => {
    let error: unknown;
    try {
      renderTemplate('{{a}} {{zzzzzz}}', { task_title: 't' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toHaveLength(2);
    expect((error as ConfigError).problems[1]?.fix).not.toMatch(/did you mean/);
  });
});
