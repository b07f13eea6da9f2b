import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, inputVariable, readInputs } from '../../src/action/inputs.js';
import { OUTPUT_NAMES } from '../../src/action/outputs.js';
import { UsageError } from '../../src/errors.js';

interface ActionYml {
  runs: { using: string; main: string; post: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}
const action = parse(
  readFileSync(path.resolve(import.meta.dirname, '../../action.yml'), 'utf8'),
) as ActionYml;

/** The environment the runner builds from `action.yml`'s defaults and the step's `with:`. */
function runnerEnv(withInputs: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs))
    env[inputVariable(name)] = withInputs[name] ?? spec.default ?? '';
  return env;
}

describe('action.yml', () => {
  it('runs one node24 bundle as main and post', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });

  it('declares exactly the inputs the action reads, with the same defaults, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort());
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.default ?? '', name).toBe(INPUT_DEFAULTS[name]);
      expect(spec.description.length, name).toBeGreaterThan(20);
    }
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('declares every output the action sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });
});

describe('readInputs', () => {
  it("reads the runner's INPUT_ variables with action.yml's defaults", () => {
    const inputs = readInputs({
      ...runnerEnv({ 'task-file': 'ci/tasks.yml' }),
      'INPUT_GITHUB-TOKEN': 'ghs_x',
    });
    expect(inputs).toEqual({
      taskFile: 'ci/tasks.yml',
      githubToken: 'ghs_x',
      stopOnFirstFailure: false,
      dryRun: false,
      ignoreConfigLimits: false,
      autoApply: true,
      push: true,
      pushToDefaultBranch: false,
      uploadLogs: true,
      maxWaitSeconds: 300,
      comment: true,
      allowedBots: [],
      dispatchDepth: 0,
    });
  });

  it('reads a re-dispatch: command, task id, depth and pull request', () => {
    const env = runnerEnv({
      command: 'skip',
      'task-id': 'task-2',
      'dispatch-depth': '3',
      'pr-number': '17',
      'allowed-bots': 'renovate[bot], dependabot[bot]',
    });
    expect(readInputs(env)).toMatchObject({
      command: 'skip',
      taskId: 'task-2',
      dispatchDepth: 3,
      prNumber: 17,
      allowedBots: ['renovate[bot]', 'dependabot[bot]'],
    });
  });

  it('treats empty inputs as unset, even with no action.yml defaults at all', () => {
    expect(readInputs({ 'INPUT_STATE-KEY': '  ', 'INPUT_MAX-WAIT-SECONDS': '' })).toMatchObject({
      taskFile: 'tasks.yml',
      maxWaitSeconds: 300,
      autoApply: true,
    });
    expect(readInputs({}).stateKey).toBeUndefined();
  });

  it('reports every invalid input at once, saying what was expected', () => {
    const env = runnerEnv({
      push: 'yes please',
      'max-wait-seconds': '-5',
      command: 'redo',
      'task-id': 'a b',
      'retention-days': '0',
    });
    let error: unknown;
    try {
      readInputs(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain("Invalid input 'push': 'yes please'. Expected true or false.");
    expect(message).toContain(
      "Invalid input 'max-wait-seconds': '-5'. Expected a whole number from 0 to 21600.",
    );
    expect(message).toContain(
      "Invalid input 'command': 'redo'. Expected one of: retry, skip, abort, resume.",
    );
    expect(message).toContain("Invalid input 'task-id': 'a b'.");
    expect(message).toContain("Invalid input 'retention-days': '0'.");
    expect(message).toContain('`with:`');
  });
});
