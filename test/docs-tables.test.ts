import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The cells of a Markdown table row. Only `\|` is text: GitHub splits cells at a `|` inside backticks too. */
function cells(row: string): number {
  const text = row.replace(/\\\|/g, 'pipe');
  return text.split('|').length - 2;
}

describe('tables in docs/*.md', () => {
  it('every row has as many cells as its header (a stray | breaks the row on GitHub)', () => {
    const broken: string[] = [];
    for (const file of readdirSync('docs').filter((f) => f.endsWith('.md'))) {
      let header = 0;
      readFileSync(`docs/${file}`, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.startsWith('|')) return void (header = 0);
          if (header === 0) header = cells(line);
          else if (cells(line) !== header) broken.push(`docs/${file}:${i + 1}: ${line.slice(0, 60)}`);
        });
    }
    expect(broken).toEqual([]);
  });
});
