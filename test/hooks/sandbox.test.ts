import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { chooseSandbox } from '../../src/hooks/choose-sandbox.js';
import { findProgram } from '../../src/hooks/find-program.js';
import { NO_SANDBOX, type Sandbox } from '../../src/hooks/sandbox.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

const realBwrap = await findProgram('bwrap', process.env['PATH']);
const bwrapWorks =
  realBwrap !== undefined &&
  (await chooseSandbox('auto', { env: { PATH: process.env['PATH'] } })).sandbox.kind === 'bwrap';
const NO_BWRAP = 'bubblewrap (bwrap) is not installed or cannot create a sandbox on this machine';

/** A directory holding a `bwrap` that refuses the way a kernel without user namespaces makes it. */
function refusingBwrap(): string {
  const dir = tempDir();
  const bwrap = join(dir, 'bwrap');
  writeFileSync(bwrap, '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n');
  chmodSync(bwrap, 0o755);
  return dir;
}

describe('choosing the sandbox', () => {
  it('sandbox: none runs without one and names the exposure', async () => {
    const choice = await chooseSandbox('none', { env: { PATH: process.env['PATH'] } });

    expect(choice.sandbox).toBe(NO_SANDBOX);
    expect(choice.warning).toContain('sandbox: none');
    expect(choice.warning).toContain("can read TaskMaster's own environment (API keys and tokens included)");
    expect(choice.warning).toContain('/proc/<pid>/environ');
  });

  it('on macOS, auto warns that there is no sandbox and bwrap refuses to start', async () => {
    const auto = await chooseSandbox('auto', { env: { PATH: '/usr/bin' }, platform: 'darwin' });
    expect(auto.sandbox).toBe(NO_SANDBOX);
    expect(auto.warning).toMatch(/without a sandbox on darwin .*API keys and tokens.*`ps eww`/);

    const strict = chooseSandbox('bwrap', { env: { PATH: '/usr/bin' }, platform: 'darwin' });
    await expect(strict).rejects.toThrow(UsageError);
    await expect(strict).rejects.toThrow(/bubblewrap runs on Linux only.*`sandbox: auto`.*`sandbox: none`/s);
  });

  it('without bwrap on PATH, auto warns and says to install it; bwrap refuses to start', async () => {
    const env = { PATH: tempDir() };
    const auto = await chooseSandbox('auto', { env, platform: 'linux' });
    expect(auto.sandbox).toBe(NO_SANDBOX);
    expect(auto.warning).toMatch(
      /bubblewrap \(bwrap\) is not installed.*\/proc\/<pid>\/environ.*apt-get install bubblewrap/,
    );

    const strict = chooseSandbox('bwrap', { env, platform: 'linux' });
    await expect(strict).rejects.toThrow(UsageError);
    await expect(strict).rejects.toThrow(/not on PATH; install bubblewrap.*or set `sandbox: auto`/s);
  });

  it('when bwrap is refused here, auto falls back with a warning giving the reason; bwrap refuses to start', async () => {
    const env = { PATH: refusingBwrap() };
    const auto = await chooseSandbox('auto', { env, platform: 'linux' });
    expect(auto.sandbox).toBe(NO_SANDBOX);
    expect(auto.warning).toContain(
      'bubblewrap cannot create a sandbox here (bwrap: No permissions to create new namespace)',
    );

    await expect(chooseSandbox('bwrap', { env, platform: 'linux' })).rejects.toThrow(
      /cannot create a sandbox here: bwrap: No permissions.*`sandbox: none`/s,
    );
  });

  it.skipIf(!bwrapWorks)('takes bubblewrap when it works, without a warning', async () => {
    const choice = await chooseSandbox('auto', { env: { PATH: process.env['PATH'] } });
    expect(choice.sandbox.kind).toBe('bwrap');
    expect(choice.warning).toBeUndefined();
    expect((await chooseSandbox('bwrap', { env: { PATH: process.env['PATH'] } })).sandbox.kind).toBe('bwrap');
  });
});

async function bwrap(): Promise<Sandbox> {
  return (await chooseSandbox('bwrap', { env: { PATH: process.env['PATH'] } })).sandbox;
}

async function runIn(sandbox: Sandbox, command: string) {
  const dir = tempDir();
  return makeRunner(dir, { sandbox }).run(makeHook({ command, timeout: 10 }), { phase: 'post' });
}

describe.skipIf(!bwrapWorks)(`a hook inside bubblewrap (skipped when ${NO_BWRAP})`, () => {
  // The test worker was started with VITEST_* variables: they are in its /proc/<pid>/environ.
  it("cannot read the runner's /proc/<pid>/environ, which it can without the sandbox", async () => {
    const peek =
      'cat /proc/$PPID/environ | tr "\\0" "\\n"; echo; echo "own: $(tr "\\0" " " < /proc/self/environ)"';
    const unsandboxed = await runIn(NO_SANDBOX, peek);
    expect(unsandboxed.output).toContain('VITEST');

    const sandboxed = await runIn(await bwrap(), `${peek}; cat /proc/*/environ`);
    expect(sandboxed.passed).toBe(true);
    expect(sandboxed.output).not.toContain('VITEST');
    expect(sandboxed.output).toContain('TASKMASTER_HOOK=test');
  });

  it('sees only its own processes, with setuid programs powerless (no_new_privs) and no capabilities', async () => {
    const result = await runIn(
      await bwrap(),
      "ls /proc | grep -c '^[0-9]'; grep -E 'CapEff|NoNewPrivs' /proc/self/status",
    );
    const [count, ...status] = result.output.split('\n');

    expect(result.passed, result.output).toBe(true);
    expect(Number(count)).toBeLessThan(10);
    expect(status).toEqual(['CapEff:\t0000000000000000', 'NoNewPrivs:\t1']);
  });

  it('cannot uncover the machine /proc beneath its own, even as root', async () => {
    const result = await runIn(await bwrap(), 'umount -l /proc 2>&1; ls /proc | grep -c "^[0-9]"');
    expect(Number(result.output.split('\n').at(-1))).toBeLessThan(10);
  });

  it('reports exit codes and signals as it would without the sandbox', async () => {
    const sandbox = await bwrap();
    expect((await runIn(sandbox, 'exit 3')).exitCode).toBe(3);
    const killed = await runIn(sandbox, 'kill -SEGV $$');
    expect(killed.failure).toEqual({ kind: 'signal', signal: 'SIGSEGV' });
  });
});
