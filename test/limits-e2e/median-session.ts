/**
 * A realistic agent session on the stats project fixture: the task "add median()" done the way a
 * capable model does a small feature — read the module and its tests, look for an existing helper,
 * edit the code, edit the tests, run the checks, finish. Eight turns, each a short remark and one tool
 * call; the tool results are the real file contents, search hits and test output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FakeReply } from '../support/fake-model-server.js';

export const STATS_PROJECT = path.resolve('test/fixtures/limits-e2e/stats-project');

/** The fixture's files, keyed by repository path. */
export function statsProjectFiles(dir = STATS_PROJECT, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) Object.assign(files, statsProjectFiles(full, rel));
    else files[rel] = readFileSync(full, 'utf8');
  }
  return files;
}

export const MEDIAN_TASK = {
  id: 'median',
  title: 'Add median()',
  description: [
    'Add a `median(values)` function to src/stats.js.',
    '- validates its input with checkNumbers like the other functions',
    '- returns the middle value of the sorted values; the mean of the two middle ones for an even count',
    "- does not reorder the caller's array",
    '- has tests in test/stats.test.js',
  ].join('\n'),
  extra: { post_hooks: ['test'] },
};

export const TEST_HOOK = { test: { command: 'node --test', description: 'Unit tests' } };

const MEAN_END = `export function mean(values) {
  checkNumbers(values, 'mean');
  return sum(values) / values.length;
}
`;

const MEDIAN = `${MEAN_END}
/**
 * The median: the middle value of the sorted values, or the mean of the two middle values when there
 * is an even number of them. Sorts a copy, so the caller's array keeps its order.
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  checkNumbers(values, 'median');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
`;

const OLD_IMPORT =
  "import { mean, modes, range, sampleVariance, standardDeviation, sum, variance } from '../src/stats.js';";
const NEW_IMPORT =
  "import {\n  mean,\n  median,\n  modes,\n  range,\n  sampleVariance,\n  standardDeviation,\n  sum,\n  variance,\n} from '../src/stats.js';";

const LAST_BLOCK = `describe('modes', () => {
  it('returns every most frequent value in order', () => {
    assert.deepEqual(modes([3, 1, 3, 1, 2]), [1, 3]);
  });
});
`;

const MEDIAN_TESTS = `${LAST_BLOCK}
describe('median', () => {
  it('takes the middle value of an odd count', () => {
    assert.equal(median([7, 1, 3]), 3);
  });
  it('averages the two middle values of an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  it('leaves the input array in its order', () => {
    const values = [3, 1, 2];
    median(values);
    assert.deepEqual(values, [3, 1, 2]);
  });
  it('refuses an empty array', () => {
    assert.throws(() => median([]), RangeError);
  });
});
`;

function turn(text: string, name: string, input: unknown): FakeReply {
  return { text, toolCalls: [{ name, input }] };
}

export const MEDIAN_SESSION: FakeReply[] = [
  turn(
    "I'll start with the statistics module, to follow its conventions for validation and docs.",
    'read_file',
    { path: 'src/stats.js' },
  ),
  turn('Now the existing tests, so the new ones match their style.', 'read_file', {
    path: 'test/stats.test.js',
  }),
  turn('Checking that no median or percentile helper exists yet.', 'search_files', {
    pattern: 'median|percentile',
  }),
  turn(
    "I'll add median() right after mean(): it validates with checkNumbers, sorts a copy so the caller's " +
      'array is untouched, and averages the two middle values for an even count.',
    'edit_file',
    { path: 'src/stats.js', old_text: MEAN_END, new_text: MEDIAN },
  ),
  turn('The tests need median in their import.', 'edit_file', {
    path: 'test/stats.test.js',
    old_text: OLD_IMPORT,
    new_text: NEW_IMPORT,
  }),
  turn(
    'Adding tests for odd and even counts, unsorted input, not mutating the input, and the empty case.',
    'edit_file',
    { path: 'test/stats.test.js', old_text: LAST_BLOCK, new_text: MEDIAN_TESTS },
  ),
  turn('Running the test suite.', 'run_checks', {}),
  turn('All tests pass.', 'finish', {
    summary:
      'Added median() to src/stats.js (validated, sorts a copy, averages the middle pair for even ' +
      'counts) and four tests covering odd/even counts, input order and the empty case.',
  }),
];
