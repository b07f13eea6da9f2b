import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  setUpSandbox,
  spawnToLog,
  type ProcessRunner,
  type SandboxSetupDeps,
} from '../../src/action/sandbox-setup.js';

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'tm-sandbox-bin-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function putBwrapOnPath(): void {
  writeFileSync(path.join(bin, 'bwrap'), '#!/bin/sh\n');
  chmodSync(path.join(bin, 'bwrap'), 0o755);
}

interface Call {
  file: string;
  args: string[];
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

/** A runner that records the calls and plays apt-get: exit `code`, and bwrap appears when it is 0. */
function fakeApt(code: number | null) {
  const calls: Call[] = [];
  const run: ProcessRunner = (file, args, options) => {
    calls.push({ file, args, ...options });
    if (code === 0) putBwrapOnPath();
    return Promise.resolve(code);
  };
  return { calls, run };
}

function setup(over: Partial<SandboxSetupDeps> & { run: ProcessRunner }) {
  const log = {
    debug: [] as string[],
    info: [] as string[],
    warning: [] as string[],
    groups: [] as string[],
  };
  const deps: SandboxSetupDeps = {
    platform: 'linux',
    env: { PATH: bin, RUNNER_ENVIRONMENT: 'github-hosted', INPUT_ANTHROPIC_API_KEY: 'sk-ant-secret' },
    log: {
      debug: (m) => log.debug.push(m),
      info: (m) => log.info.push(m),
      warning: (m) => log.warning.push(m),
    },
    group: (name, fn) => {
      log.groups.push(name);
      return fn();
    },
    ...over,
  };
  return { log, result: setUpSandbox(deps) };
}

describe('bubblewrap on the runner', () => {
  it('is installed with apt-get, in a log group, when missing on a GitHub-hosted Linux runner', async () => {
    const apt = fakeApt(0);
    const { log, result } = setup({ run: apt.run });
    expect(await result).toBe('installed');
    expect(apt.calls).toHaveLength(1);
    const call = apt.calls[0];
    expect(call?.file).toBe('sudo');
    expect(call?.args).toEqual(
      expect.arrayContaining([
        '-n',
        'DEBIAN_FRONTEND=noninteractive',
        'apt-get',
        'install',
        '-y',
        'bubblewrap',
      ]),
    );
    expect(call?.timeoutMs).toBeGreaterThan(0);
    // apt-get gets nothing of the step's environment but PATH: no API key.
    expect(call?.env).toEqual({ PATH: bin });
    expect(log.groups).toEqual(['Installing bubblewrap to sandbox hooks']);
    expect(log.info).toContain('Installed bubblewrap to sandbox hooks');
    expect(log.warning).toEqual([]);
  });

  it('warns, and does not fail, when the install fails or times out', async () => {
    for (const code of [100, null]) {
      const { log, result } = setup({ run: fakeApt(code).run });
      expect(await result).toBe('failed');
      expect(log.warning).toHaveLength(1);
      expect(log.warning[0]).toMatch(
        /^Could not install bubblewrap \(.+\): hooks will run without a sandbox\./,
      );
      expect(log.info).toEqual([]);
    }
  });

  it('is left alone when bwrap is already on PATH', async () => {
    putBwrapOnPath();
    const apt = fakeApt(0);
    expect(await setup({ run: apt.run }).result).toBe('present');
    expect(apt.calls).toEqual([]);
  });

  it('is not installed on self-hosted runners, macOS or Windows', async () => {
    const cases: Partial<SandboxSetupDeps>[] = [
      { env: { PATH: bin, RUNNER_ENVIRONMENT: 'self-hosted' } },
      { env: { PATH: bin } },
      { platform: 'darwin' },
      { platform: 'win32' },
    ];
    for (const over of cases) {
      const apt = fakeApt(0);
      const { log, result } = setup({ ...over, run: apt.run });
      expect(await result).toBe('not-applicable');
      expect(apt.calls).toEqual([]);
      expect(log.warning).toEqual([]);
    }
  });
});

describe('the process runner', () => {
  const env = { PATH: process.env.PATH };
  it('gives the exit code, and null when the program is killed at its time limit or cannot start', async () => {
    expect(await spawnToLog('sh', ['-c', 'exit 3'], { env, timeoutMs: 10_000 })).toBe(3);
    expect(await spawnToLog('sleep', ['10'], { env, timeoutMs: 100 })).toBeNull();
    expect(await spawnToLog('taskmaster-no-such-program', [], { env, timeoutMs: 10_000 })).toBeNull();
  });
});
