import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/ports.js';
import { TaskLogs } from '../../src/engine/task-logs.js';
import { ProcessHookRunner } from '../../src/hooks/process-hook-runner.js';
import { NO_SECRETS } from '../../src/util/redact.js';
import { NO_SANDBOX } from '../../src/hooks/sandbox.js';
import { makeHook, tempDir } from './helpers.js';

const CAP = { maxBytes: 8192 };
const MARKER = /\n\[\.\.\. (\d+) bytes left out of this log \(it is capped at 8192 bytes\) \.\.\.\]\n/;

function runner(dir: string, logCap?: { maxBytes: number }): ProcessHookRunner {
  return new ProcessHookRunner({
    repoRoot: dir,
    env: { PATH: process.env['PATH'] },
    secrets: [],
    clock: systemClock,
    sandbox: NO_SANDBOX,
    logCap,
  });
}

/** What the log would hold without a cap, to count what the capped one left out. */
async function uncappedLog(command: string): Promise<string> {
  const dir = tempDir();
  const logFile = join(dir, 'post.log');
  await runner(dir).run(makeHook({ command }), { phase: 'post', logFile });
  return readFileSync(logFile, 'utf8');
}

describe('log caps', () => {
  it('keeps the head and the end of a hook that prints more than the cap, and says how much was cut', async () => {
    const dir = tempDir();
    const logFile = join(dir, '.taskmaster', 'logs', 'task-1', 'post.log');
    // About 60 KB: seven times the cap.
    const command = 'i=1; while [ $i -le 5000 ]; do echo "line $i"; i=$((i+1)); done; echo "the very end"';

    await runner(dir, CAP).run(makeHook({ command }), { phase: 'post', logFile });

    expect(statSync(logFile).size).toBeLessThanOrEqual(CAP.maxBytes);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/^==== .* hook test \(run 1 of 1\)\n/);
    expect(log).toContain('\nline 1\n');
    expect(log).toContain('line 5000\nthe very end\n==== exit code 0');
    const marker = MARKER.exec(log);
    expect(marker).not.toBeNull();
    const whole = await uncappedLog(command);
    const kept = log.length - (marker?.[0].length ?? 0);
    expect(Number(marker?.[1])).toBe(whole.length - kept);
  });

  it('adds up what was left out over many writes and over a new writer of the same file', () => {
    const dir = tempDir();
    const lines = Array.from({ length: 3000 }, (_, i) => `agent line ${i + 1}`);
    const first = new TaskLogs(dir, NO_SECRETS, () => 0, CAP);
    for (const line of lines.slice(0, 1500)) first.append('t', 'agent.log', line);
    // A resumed run is a new process with a new writer of the same file.
    const second = new TaskLogs(dir, NO_SECRETS, () => 0, CAP);
    for (const line of lines.slice(1500)) second.append('t', 'agent.log', line);

    const file = second.file('t', 'agent.log');
    expect(statSync(file).size).toBeLessThanOrEqual(CAP.maxBytes);
    const log = readFileSync(file, 'utf8');
    expect(log.startsWith('agent line 1\nagent line 2\n')).toBe(true);
    expect(log.endsWith('agent line 2999\nagent line 3000\n')).toBe(true);
    expect(log.match(new RegExp(MARKER.source, 'g'))).toHaveLength(1);
    const marker = MARKER.exec(log);
    const whole = lines.map((line) => `${line}\n`).join('');
    expect(Number(marker?.[1])).toBe(whole.length - (log.length - (marker?.[0].length ?? 0)));
  });
});
