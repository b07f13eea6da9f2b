import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRY_RUN_TURN_MODEL } from '../../src/limits/dry-run-estimate.js';
import {
  READ_SHARE,
  SMALL_RESULT_TOKENS,
  measureTaskFiles,
  repoTurnModel,
  toolResultTokens,
} from '../../src/limits/repo-turn-model.js';
import { estimateTextTokens } from '../../src/limits/token-estimate.js';
import { config, task } from '../limits/config-fixture.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function repoConfig(dir: string) {
  return config({ repoRoot: dir, stateDir: path.join(dir, '.taskmaster') });
}

/** `n` lines of code-like text. */
function source(n: number): string {
  return Array.from({ length: n }, (_, i) => `export const value${i} = compute(${i}, 'item-${i}');`).join(
    '\n',
  );
}

describe('tool results sized from the repository', () => {
  it('takes half the median file as a read and half a short result', () => {
    expect(toolResultTokens([100, 900, 3_000])).toBe(
      Math.round(READ_SHARE * 900 + 0.5 * SMALL_RESULT_TOKENS),
    );
    expect(toolResultTokens([200, 600])).toBe(Math.round(READ_SHARE * 400 + 0.5 * SMALL_RESULT_TOKENS));
    expect(toolResultTokens([])).toBeUndefined();
  });

  it('measures the text files under the task path as read_file returns them, skipping ignored and binary files', async () => {
    repo = createRepo({
      'app/main.js': source(40),
      'app/big.js': source(400),
      'app/logo.png': '\u0000\u0001PNG',
      'app/dist/bundle.js': source(4_000),
      'app/.gitignore': 'dist/\n',
      'other/huge.js': source(2_000),
    });
    const sizes = await measureTaskFiles(repoConfig(repo.dir), [task('t', { path: 'app' })]);

    const asRead = (n: number) => estimateTextTokens(source(n)) + n * 3;
    expect(sizes.sort((a, b) => a - b)).toEqual([estimateTextTokens('dist/\n') + 6, asRead(40), asRead(400)]);
  });

  it('falls back to the fixed model when the task paths hold no text', async () => {
    repo = createRepo({ 'empty/.keep': '' });
    const model = await repoTurnModel(repoConfig(repo.dir), [task('t', { path: 'empty' })]);
    expect(model).toEqual(DRY_RUN_TURN_MODEL);
  });
});
