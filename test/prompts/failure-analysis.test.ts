import { describe, expect, it } from 'vitest';
import { analyzeFailure, analyzeHook } from '../../src/prompts/failure-analysis.js';
import { fixture, hookResult } from './fixtures.js';

const tmp = { tmpRoots: ['/tmp'] };

function analyze(name: string, overrides = {}) {
  return analyzeHook(hookResult({ output: fixture(name), ...overrides }), tmp);
}

describe('analyzeHook on real tool output', () => {
  it('pytest: names each failing test with its exception, from the untruncated E lines', () => {
    const a = analyze('pytest-run1.txt');
    expect(a.reports.map((r) => r.tool)).toEqual(['pytest']);
    expect(a.reason).toBe(
      'test hook failed (exit code 1): 3 failing tests: test_login (AssertionError: assert 401 == 200), ' +
        "test_logout_object (AttributeError: 'Session' object has no attribute 'clear'), " +
        "test_user_model (ImportError: cannot import name 'User' from 'app.models' (<tmp>/repo/app/models.py))",
    );
    expect(a.suggestions).toContain(
      "Make `test_logout_object` (app/auth.py:11) pass: AttributeError: 'Session' object has no attribute 'clear'",
    );
    expect(a.relevant).toContain('E       assert 401 == 200');
    expect(a.relevant).toContain('FAILED tests/test_auth.py::test_login - assert 401 == 200');
  });

  it('pytest: a collection error is a test file that failed to load', () => {
    const a = analyze('pytest-collection-error.txt', { exitCode: 2 });
    expect(a.reason).toBe(
      "test hook failed (exit code 2): 1 test file failed to load: tests/test_broken.py (ImportError: cannot import name 'User' from 'app.models' (<tmp>/py/app/models.py))",
    );
    expect(a.suggestions.join('\n')).toMatch(/An import does not resolve/);
  });

  it('vitest (coloured): failing tests with assertion, diff and frame; a suite that failed to load', () => {
    const a = analyze('vitest-color-run1.txt', { hook: 'unit', command: 'npx vitest run' });
    expect(a.reports.map((r) => r.tool)).toEqual(['vitest']);
    expect(a.reason).toContain(
      "unit hook failed (exit code 1): 1 test file failed to load: test/broken.test.ts (Error: Cannot find module '../src/missing.js'",
    );
    expect(a.reason).toContain(
      '2 failing tests: math > subtracts (AssertionError: expected -1 to be 1 // Object.is equality), math > builds a user',
    );
    expect(a.relevant).toEqual(
      expect.arrayContaining(['- Expected', '+ Received', '+ -1', ' ❯ test/math.test.ts:9:28']),
    );
    expect(a.suggestions).toContain(
      'Make `math > subtracts` (test/math.test.ts:9:28) pass: AssertionError: expected -1 to be 1 // Object.is equality',
    );
  });

  it('vitest (plain) reads the same as coloured', () => {
    expect(analyze('vitest-plain.txt').reason.replace('<tmp>/vt', '<tmp>/repo')).toBe(
      analyze('vitest-color-run1.txt').reason,
    );
  });

  it('jest: ● blocks with Expected/Received and the test file that failed to run', () => {
    const a = analyze('jest.txt', { command: 'npm test' });
    expect(a.reports.map((r) => r.tool)).toEqual(['jest']);
    expect(a.reason).toContain(
      '2 failing tests: price > applies the discount (expect(received).toBe(expected) // Object.is equality — Expected: 90, Received: 100), ' +
        "price > rounds to cents (TypeError: Cannot read properties of undefined (reading 'toFixed'))",
    );
    expect(a.reason).toContain(
      "1 test file failed to load: src/checkout.test.js (Cannot find module './payment' from 'src/checkout.js')",
    );
    expect(a.suggestions[1]).toBe(
      "Make `price > rounds to cents` (src/price.js:5:19) pass: TypeError: Cannot read properties of undefined (reading 'toFixed')",
    );
  });

  it('node --test, spec reporter: the failing tests section', () => {
    const a = analyze('node-test-spec.txt', { command: 'node --test' });
    expect(a.reason).toBe(
      'test hook failed (exit code 1): 3 failing tests: subtracts (AssertionError: Expected values to be strictly equal: 1 !== 2), ' +
        "upper (AssertionError: Expected values to be strictly equal: 'A' !== 'B'), " +
        "throws (TypeError: Cannot read properties of undefined (reading 'name'))",
    );
    expect(a.suggestions[0]).toContain('(math.test.mjs:4:1)');
  });

  it('node --test, TAP reporter: not ok entries, skipping parents that only report failed subtests', () => {
    const a = analyze('node-test-tap.txt');
    expect(a.reports[0]?.findings.map((f) => f.subject)).toEqual(['subtracts', 'upper', 'throws']);
    expect(a.reason).toBe(analyze('node-test-spec.txt').reason);
  });

  it('tsc: every error with file, position and code, in both output styles', () => {
    const plain = analyze('tsc.txt', { hook: 'typecheck', exitCode: 2 });
    expect(plain.reason).toMatch(
      /^typecheck hook failed \(exit code 2\): 4 type errors: src\/api\.ts:1:30 TS2307 Cannot find module/,
    );
    expect(plain.suggestions).toContain(
      "Fix src/api.ts:3:7 [TS2322]: Type 'string' is not assignable to type 'number'.",
    );
    expect(plain.suggestions.join('\n')).toMatch(/Types disagree/);
    const pretty = analyze('tsc-pretty.txt', { hook: 'typecheck', exitCode: 2 });
    expect(pretty.reason).toBe(plain.reason);
  });

  it('eslint: errors with rule names, warnings left out when there are errors', () => {
    const a = analyzeHook(hookResult({ hook: 'lint', output: fixture('eslint-stylish.txt') }), {
      repoRoot: '/tmp/cap/vt',
      tmpRoots: ['/tmp'],
    });
    expect(a.reason).toBe(
      "lint hook failed (exit code 1): 2 lint errors: ./src/lint-me.ts:1:7 @typescript-eslint/no-unused-vars 'unused' is assigned a value but never used, " +
        './src/lint-me.ts:2:22 @typescript-eslint/no-explicit-any Unexpected any. Specify a different type',
    );
    expect(a.reason).not.toContain('console');
    expect(a.suggestions.join('\n')).toMatch(/Remove the unused import or variable/);
  });

  it('ruff: concise and full formats, with the fixable note', () => {
    const concise = analyze('ruff-concise.txt', { hook: 'lint', command: 'ruff check src/' });
    expect(concise.reason).toMatch(
      /^lint hook failed \(exit code 1\): 4 lint errors: src\/app\/main\.py:1:8 F401 `os` imported but unused, /,
    );
    expect(concise.suggestions).toContain('ruff: [*] 1 fixable with the `--fix` option.');
    expect(concise.suggestions).toContain('Catch the specific exception instead of a bare `except:`.');
    const full = analyze('ruff-full.txt', { hook: 'lint' });
    expect(full.reports[0]?.findings.map((f) => `${f.location} ${f.code}`)).toEqual([
      'src/app/main.py:1:8 F401',
      'src/app/users.py:40:12 F821',
    ]);
  });

  it('mypy: errors with their codes, notes ignored', () => {
    const a = analyze('mypy.txt', { hook: 'types' });
    expect(a.reports[0]?.findings.map((f) => f.code)).toEqual([
      'return-value',
      'arg-type',
      'import-not-found',
    ]);
  });

  it('falls back to the first error-like line of the output tail', () => {
    const a = analyze('generic-script.txt', { hook: 'migrations' });
    expect(a.reports).toEqual([]);
    expect(a.reason).toBe(
      'migrations hook failed (exit code 1): Migration 0004_tokens.sql is missing a matching down migration.',
    );
    expect(a.relevant.at(-1)).toBe('check-migrations: 1 problem found');
  });

  it("does not mistake other tools' ERROR lines for pytest", () => {
    const a = analyzeHook(hookResult({ output: 'ERROR Failed to connect to database\nERROR: exiting' }), tmp);
    expect(a.reports).toEqual([]);
    expect(a.reason).toBe('test hook failed (exit code 1): ERROR Failed to connect to database');
  });

  it('recognises several tools in one multi-step hook, in output order', () => {
    const output = `${fixture('ruff-concise.txt')}\n${fixture('pytest-run1.txt')}`;
    const a = analyzeHook(hookResult({ hook: 'full-validation', output }), tmp);
    expect(a.reports.map((r) => r.tool)).toEqual(['ruff', 'pytest']);
    expect(a.reason).toMatch(/4 lint errors: .*; 3 failing tests: test_login/);
  });

  it('lists five findings and counts the rest', () => {
    const output = Array.from(
      { length: 8 },
      (_v, i) => `src/a.ts(${i + 1},1): error TS2304: Cannot find name 'x${i}'.`,
    ).join('\n');
    const a = analyzeHook(hookResult({ output }), tmp);
    expect(a.reason).toMatch(/8 type errors: .*x4'\., and 3 more$/);
    expect(a.suggestions).toContain('…and 3 more of the same kind in the output above.');
  });

  it('describes timeouts, kills, non-blocking hooks and empty output', () => {
    expect(
      analyzeHook(hookResult({ timedOut: true, exitCode: null, durationMs: 300_000, output: '' })).reason,
    ).toBe('test hook timed out after 300s: no output was captured');
    expect(analyzeHook(hookResult({ exitCode: null, output: 'Killed' })).reason).toBe(
      'test hook was killed by a signal: Killed',
    );
    expect(analyzeHook(hookResult({ stopOnFailure: false, output: 'boom: error' })).reason).toBe(
      'test hook failed (exit code 1) (non-blocking): boom: error',
    );
    expect(analyzeHook(hookResult({ timedOut: true, output: '' })).suggestions.join('\n')).toMatch(
      /ran too long/,
    );
  });
});

describe('analyzeFailure', () => {
  it('combines failed hooks, ignores passing ones and ends with the general advice', () => {
    const a = analyzeFailure(
      [
        hookResult({ hook: 'lint', output: fixture('ruff-concise.txt') }),
        hookResult({ hook: 'format', passed: true, exitCode: 0, output: 'ok' }),
        hookResult({ hook: 'test', output: fixture('pytest-run1.txt') }),
      ],
      tmp,
    );
    expect(a.failureReason.split('\n')).toHaveLength(2);
    expect(a.failureReason).toMatch(/^lint hook failed .*\ntest hook failed /);
    expect(a.fixSuggestions.split('\n').every((l) => l.startsWith('- '))).toBe(true);
    expect(a.fixSuggestions).toMatch(/do not weaken, skip or delete tests/);
    expect(a.fixSuggestions.split('\n').at(-1)).toBe(
      '- Use run_checks to confirm everything passes before calling finish.',
    );
    expect(a.relevant).toMatch(/^\[lint\]\n/);
    expect(a.relevant).toContain('\n\n[test]\n');
  });

  it('returns empty strings when nothing failed', () => {
    expect(analyzeFailure([hookResult({ passed: true, exitCode: 0 })])).toEqual({
      failureReason: '',
      fixSuggestions: '',
      relevant: '',
    });
  });
});
