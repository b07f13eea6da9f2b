import { describe, expect, it } from 'vitest';
import { tidyPrompt } from '../../src/prompts/prompt-tidy.js';

describe('tidyPrompt', () => {
  it('drops sections left empty, including an empty fence, and keeps the rest', () => {
    const text = '# Task: x\n\n## Requirements\n\n\n## State\n```\n\n```\n\n## Files\na.py\n';
    expect(tidyPrompt(text)).toBe('# Task: x\n\n## Files\na.py\n');
  });

  it('drops a parent whose sub-sections were all empty, but not one with content left', () => {
    const text =
      '## Task\n### Description\n\n### Requirements\n\n## Previous\n### Response\nok\n### Error\n\n';
    expect(tidyPrompt(text)).toBe('## Previous\n### Response\nok\n');
  });

  it('drops "- Label:" lines with no value, unless indented lines follow', () => {
    const text = '## Project\n- Name: demo\n- Technology stack: \n- full:\n    make test\n';
    expect(tidyPrompt(text)).toBe('## Project\n- Name: demo\n- full:\n    make test\n');
  });

  it('leaves headings and labels inside fences alone (a Python comment, a markdown file)', () => {
    const text = '## File Contents\n### app.py\n````\n# Settings\n- Key:\n```\n## Not a heading\n````\n';
    expect(tidyPrompt(text)).toBe(text);
  });
});
