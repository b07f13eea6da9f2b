import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/types.js';
import { BUILTIN_TEMPLATES } from '../../src/prompts/builtin-templates.js';
import { TEMPLATE_VARIABLES } from '../../src/prompts/variables.js';

const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'prompt-templates.md'), 'utf8');

describe('docs/prompt-templates.md', () => {
  it.each(Object.entries(BUILTIN_TEMPLATES))('shows the built-in %s template exactly', (_kind, text) => {
    // Prettier picks the fence length: three backticks, or four around a template holding fences.
    expect(docs).toMatch(new RegExp(`\n(\`{3,4})text\n${escape(text)}\\1\n`));
  });

  it('documents every template variable', () => {
    for (const name of TEMPLATE_VARIABLES)
      expect(docs).toMatch(new RegExp(`^\\| \`\\{\\{${name}\\}\\}\` `, 'm'));
  });

  it('states the prompt_context defaults the code uses', () => {
    for (const [key, value] of Object.entries(DEFAULTS.prompt_context)) {
      const shown = Array.isArray(value) ? '`[]`' : `\`${String(value)}\``;
      expect(docs).toMatch(new RegExp(`^\\| \`${key}\` +\\| ${shown.replace(/[[\]]/g, '\\$&')}`, 'm'));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
