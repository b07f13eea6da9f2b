import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionLog } from '../../src/action/action-log.js';
import {
  actionsCache,
  restoreRunState,
  saveRunState,
  stateCacheTarget,
} from '../../src/action/state-cache.js';
import { startFakeActionsServices, type FakeActionsServices } from '../support/fake-actions-services.js';

/** The real @actions/cache client against the loopback cache service. */
let services: FakeActionsServices;
let workspace: string;
const saved = { ...process.env };
const startDir = process.cwd();

function recorder(): ActionLog & { lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    warnings,
    debug: () => undefined,
    info: (m) => lines.push(m),
    warning: (m) => warnings.push(m),
  };
}

beforeAll(async () => {
  services = await startFakeActionsServices();
});
afterAll(async () => {
  await services.close();
});

beforeEach(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'tm-cache-'));
  Object.assign(process.env, {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: services.url,
    ACTIONS_RUNTIME_TOKEN: services.runtimeToken,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: path.join(workspace, '.runner-temp'),
  });
  // The client globs relative paths from the working directory, which on a runner is the workspace.
  process.chdir(workspace);
  services.cache.length = 0;
  services.cacheWritesDenied = false;
});
afterEach(() => {
  process.env = { ...saved };
  process.chdir(startDir);
  rmSync(workspace, { recursive: true, force: true });
});

function writeState(text: string): string {
  const stateDir = path.join(workspace, '.taskmaster');
  mkdirSync(path.join(stateDir, 'logs', 'task-1'), { recursive: true });
  writeFileSync(path.join(stateDir, 'state.json'), text);
  writeFileSync(path.join(stateDir, 'state.lock'), 'lock');
  writeFileSync(path.join(stateDir, 'logs', 'task-1', 'agent.log'), 'log');
  return stateDir;
}

describe('state cache with @actions/cache', () => {
  it('restores the newest of several saves under the prefix, state.json only', async () => {
    const stateDir = writeState('{"n":1}');
    const target = stateCacheTarget(workspace, stateDir);
    expect(target.paths).toEqual(['.taskmaster/state.json']);
    const log = recorder();
    expect(await saveRunState(actionsCache, target, 'tm-main-100-1-1', log)).toBe(true);
    writeFileSync(target.stateFile, '{"n":2}');
    expect(await saveRunState(actionsCache, target, 'tm-main-101-1-1', log)).toBe(true);
    writeFileSync(path.join(workspace, 'other'), '');
    rmSync(stateDir, { recursive: true });

    const key = await restoreRunState(actionsCache, target, 'tm-main-', log);
    expect(key).toBe('tm-main-101-1-1');
    expect(readFileSync(target.stateFile, 'utf8')).toBe('{"n":2}');
    expect(() => readFileSync(path.join(stateDir, 'state.lock'))).toThrow();
    expect(log.warnings).toEqual([]);
  });

  it('treats a miss, a refused save and a missing service as warnings, not errors', async () => {
    const stateDir = writeState('{}');
    const target = stateCacheTarget(workspace, stateDir);
    const log = recorder();
    expect(await restoreRunState(actionsCache, target, 'nothing-here-', log, true)).toBeUndefined();
    expect(log.warnings.join('\n')).toMatch(/No saved run state under the key prefix nothing-here-/);

    expect(await saveRunState(actionsCache, target, 'dup-1', log)).toBe(true);
    expect(await saveRunState(actionsCache, target, 'dup-1', log)).toBe(false);
    expect(log.warnings.at(-1)).toMatch(/not saved to the cache \(key dup-1\)/);

    delete process.env.ACTIONS_RESULTS_URL;
    expect(await saveRunState(actionsCache, target, 'dup-2', log)).toBe(false);
    expect(log.warnings.at(-1)).toMatch(/cache service is not available/);
  });

  it('a first run without state is only an info line', async () => {
    const target = stateCacheTarget(workspace, path.join(workspace, '.taskmaster'));
    const log = recorder();
    expect(await restoreRunState(actionsCache, target, 'fresh-', log)).toBeUndefined();
    expect(log.warnings).toEqual([]);
    expect(log.lines.join('\n')).toMatch(/starting a new run/);
    expect(await saveRunState(actionsCache, target, 'fresh-1', log)).toBe(false);
    expect(services.cache).toEqual([]);
  });
});
