import { describe, expect, it } from 'vitest';
import { isProcessAlive, parseStat, readProcessTable } from '../../src/hooks/process-table.js';

describe('process table', () => {
  it('parses a stat line whose command name holds spaces and parentheses', () => {
    const stat = '4242 (my (odd) cmd) S 4200 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 0 0';

    expect(parseStat(4242, stat)).toEqual({
      pid: 4242,
      state: 'S',
      ppid: 4200,
      pgid: 4242,
      sid: 4242,
      startTime: 987654,
    });
  });

  it('rejects a truncated stat line', () => {
    expect(parseStat(1, '1 (init) S 0')).toBeUndefined();
  });

  it('lists this process with its parent, and sees it alive', () => {
    const self = readProcessTable().find((p) => p.pid === process.pid);

    expect(self?.ppid).toBe(process.ppid);
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it('is empty, not an error, where there is no /proc', () => {
    expect(readProcessTable('/nonexistent-proc')).toEqual([]);
  });
});
