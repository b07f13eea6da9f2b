import { describe, expect, it } from 'vitest';
import { hookEnvironment } from '../../src/hooks/hook-env.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

const RUNNER_ENV: Record<string, string | undefined> = {
  PATH: process.env['PATH'],
  HOME: '/home/runner',
  CI: 'true',
  KEEP_ME: 'yes',
  INPUT_TASK_FILE: 'tasks.yml',
  ANTHROPIC_API_KEY: 'sk-ant-value',
  OPENAI_API_KEY: 'sk-openai-value',
  MISTRAL_API_KEY: 'mistral-value',
  GITHUB_TOKEN: 'ghs_value',
  GH_TOKEN: 'gho_value',
  GITHUB_PAT: 'ghp_value',
  'INPUT_GITHUB-TOKEN': 'ghs_input_value',
  INPUT_ANTHROPIC_API_KEY: 'sk-ant-input-value',
  INPUT_SOME_TOKEN: 'input-token-value',
  ACTIONS_RUNTIME_TOKEN: 'runtime-value',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-value',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example',
  ACTIONS_RESULTS_URL: 'https://results.example',
  ACTIONS_CACHE_URL: 'https://cache.example',
  ACTIONS_RUNTIME_URL: 'https://runtime.example',
  CUSTOM_PROVIDER_SECRET: 'configured-secret-value',
  MY_SERVICE_PASSWORD: 'password-value',
  NPM_TOKEN: 'npm-token-value',
  UNSET_ONE: undefined,
};

const REMOVED = Object.keys(RUNNER_ENV).filter(
  (k) => !['PATH', 'HOME', 'CI', 'KEEP_ME', 'INPUT_TASK_FILE', 'UNSET_ONE'].includes(k),
);

describe('hookEnvironment', () => {
  it('drops keys, tokens, Actions runtime secrets and secret values; keeps the rest and adds the hook env', () => {
    const env = hookEnvironment(RUNNER_ENV, { TESTING: '1' }, ['configured-secret-value']);

    for (const name of REMOVED) expect(env, name).not.toHaveProperty(name);
    expect(env).toMatchObject({
      HOME: '/home/runner',
      CI: 'true',
      KEEP_ME: 'yes',
      INPUT_TASK_FILE: 'tasks.yml',
      TESTING: '1',
    });
    expect(env).not.toHaveProperty('UNSET_ONE');
  });

  it("lets the hook's own env set a variable, even one the runner's env had to lose", () => {
    const env = hookEnvironment({ OPENAI_API_KEY: 'real' }, { OPENAI_API_KEY: 'fake-for-tests' }, ['real']);

    expect(env['OPENAI_API_KEY']).toBe('fake-for-tests');
  });

  it('ignores an empty secret instead of dropping every empty variable', () => {
    expect(hookEnvironment({ EMPTY: '' }, {}, [''])).toEqual({ EMPTY: '' });
  });
});

describe('ProcessHookRunner environment', () => {
  it('gives the hook process the scrubbed environment, its env and TASKMASTER markers', async () => {
    const dir = tempDir();
    const runner = makeRunner(dir, { env: RUNNER_ENV, secrets: ['configured-secret-value'] });
    const hook = makeHook({
      name: 'env-check',
      command: 'env',
      env: { TESTING: '1', DATABASE_URL: 'postgresql://localhost/test_db' },
    });
    const result = await runner.run(hook, { phase: 'post' });
    const seen = new Map(
      result.output
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );

    for (const name of REMOVED) expect(seen.has(name), name).toBe(false);
    for (const value of Object.values(RUNNER_ENV)) {
      if (value?.includes('value')) expect(result.output).not.toContain(value);
    }
    expect(seen.get('KEEP_ME')).toBe('yes');
    expect(seen.get('TESTING')).toBe('1');
    expect(seen.get('DATABASE_URL')).toBe('postgresql://localhost/test_db');
    expect(seen.get('TASKMASTER')).toBe('1');
    expect(seen.get('TASKMASTER_HOOK')).toBe('env-check');
  });
});
