import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/config/schema-keys.js';
import { DEFAULTS } from '../../src/config/types.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'configuration.md'), 'utf8');

/** Reference rows: `| \`key\` | type | default | meaning |`, keyed by the first cell. */
function referenceRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of DOC.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const key = /^`([a-z_]+(?:\.<name>|\[\])?(?:\.[a-z_]+)*)`$/.exec(cells[1] ?? '')?.[1];
    if (key !== undefined && cells.length === 6) rows.set(key, cells.slice(2, 5));
  }
  return rows;
}

/** How the docs write a default: `3`, `true`, `ask`, `[]`. */
function shown(value: unknown): string {
  return Array.isArray(value) ? '`[]`' : `\`${String(value)}\``;
}

describe('docs/configuration.md', () => {
  const rows = referenceRows();

  it('documents every key the schema knows', () => {
    const missing = CONFIG_KEYS.filter((key) => !rows.has(key));
    expect(missing, 'keys missing from the reference tables').toEqual([]);
  });

  it('documents no key the schema does not know', () => {
    const unknown = [...rows.keys()].filter((key) => !CONFIG_KEYS.includes(key));
    expect(unknown, 'documented keys the schema rejects').toEqual([]);
  });

  it('states the defaults the loader applies', () => {
    const expected: Array<[string, unknown]> = [
      ...Object.entries(DEFAULTS).filter(
        ([key, value]) => typeof value !== 'object' && key !== 'provider_max_tokens',
      ),
      ...Object.entries(DEFAULTS.hook).map(([key, value]): [string, unknown] => [
        `hooks.<name>.${key}`,
        value,
      ]),
      ...Object.entries(DEFAULTS.prompt_context).map(([k, v]): [string, unknown] => [
        `prompt_context.${k}`,
        v,
      ]),
      ['provider_configs.<name>.max_tokens', DEFAULTS.provider_max_tokens],
    ];
    expect(expected.length).toBeGreaterThan(20);
    for (const [key, value] of expected) expect(rows.get(key)?.[1], key).toContain(shown(value));
  });
});
