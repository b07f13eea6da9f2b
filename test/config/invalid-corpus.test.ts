import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type ExpectStatic } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, formatProblem, type ConfigProblem } from '../../src/errors.js';
import { copyFixture, FIXTURES } from './fixture-dir.js';

interface Expected {
  file: string;
  /** Left out for problems of a whole file (it cannot be read, or parsed into data). */
  line?: number;
  contains: string[];
}

interface Expectation extends Expected {
  also?: Expected[];
  env?: Record<string, string>;
  requireSecrets?: boolean;
}

const INVALID = join(FIXTURES, 'invalid');
const cases = readdirSync(INVALID).sort();

async function problemsOf(
  name: string,
  expectation: Expectation,
  expect: ExpectStatic,
): Promise<ConfigProblem[]> {
  const cwd = await copyFixture(join('invalid', name));
  const env = expectation.env ?? { ANTHROPIC_API_KEY: 'sk-test' };
  const options = { cwd, taskFile: 'tasks.yml', env };
  const error = await loadConfig(
    expectation.requireSecrets === undefined
      ? options
      : { ...options, requireSecrets: expectation.requireSecrets },
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'loadConfig should reject with a ConfigError').toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

function matches(problem: ConfigProblem, expected: Expected): boolean {
  const text = formatProblem(problem);
  return (
    problem.file === expected.file &&
    problem.line === expected.line &&
    expected.contains.every((part) => text.includes(part))
  );
}

describe('invalid configurations', () => {
  it('has a corpus of at least 24 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
  });

  // Each case spends its time waiting on git and the file system, so they run side by side.
  it.concurrent.for(cases)('%s', async (name, { expect }) => {
    const expectation = JSON.parse(readFileSync(join(INVALID, name, 'expect.json'), 'utf8')) as Expectation;
    const problems = await problemsOf(name, expectation, expect);
    const shown = problems.map(formatProblem).join('\n');
    for (const expected of [expectation, ...(expectation.also ?? [])]) {
      expect(
        problems.some((p) => matches(p, expected)),
        `expected ${expected.file}:${expected.line} with ${JSON.stringify(expected.contains)} in:\n${shown}`,
      ).toBe(true);
    }
    for (const problem of problems) expect(problem.fix, formatProblem(problem)).toBeTruthy();
  });
});
