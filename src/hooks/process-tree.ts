import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { type ProcessInfo, readProcessTable } from './process-table.js';

/**
 * Every process a hook started, so that all of them can be killed. The hook's shell is spawned as
 * the leader of its own session and process group, which catches most of its descendants with one
 * `kill(-pgid)`. A descendant that called `setsid` (or `setpgid`) leaves that group, so /proc is also
 * polled while the hook runs and its descendants are remembered by parent pid: once their parent is
 * killed they are re-parented to init and could no longer be found.
 */

export interface ProcessTreeOptions {
  /** How often /proc is read while the hook runs. */
  pollMs: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  /** Where to read the process table (tests point elsewhere). */
  procDir: string;
}

export const DEFAULT_TREE_OPTIONS: Readonly<ProcessTreeOptions> = {
  pollMs: 100,
  graceMs: 2000,
  procDir: '/proc',
};

const CHECK_EVERY_MS = 25;

export class ProcessTree {
  private readonly options: ProcessTreeOptions;
  /** Processes seen in the tree, by pid, with their start time (pids get reused). */
  private readonly known = new Map<number, number>();
  private poller: NodeJS.Timeout | undefined;
  private killing: Promise<void> | undefined;
  private readonly hasProcfs: boolean;

  constructor(
    private readonly rootPid: number,
    options: Partial<ProcessTreeOptions> = {},
  ) {
    this.options = { ...DEFAULT_TREE_OPTIONS, ...options };
    this.hasProcfs = existsSync(`${this.options.procDir}/self/stat`);
  }

  /** Starts remembering descendants as they appear. */
  watch(): void {
    this.collect();
    this.poller = setInterval(() => this.collect(), this.options.pollMs);
  }

  /**
   * SIGTERM to the group and every remembered process still running, then SIGKILL to whatever is
   * left after the grace period. Returns at once when nothing is left; concurrent calls share one kill.
   */
  kill(): Promise<void> {
    this.killing ??= this.killOnce().finally(() => (this.killing = undefined));
    return this.killing;
  }

  /** Stops polling; `kill` still works with what was collected. */
  dispose(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private async killOnce(): Promise<void> {
    if (!this.signal('SIGTERM')) return;
    if (await this.waitUntilGone(this.options.graceMs)) return;
    this.signal('SIGKILL');
    await this.waitUntilGone(this.options.graceMs);
  }

  /** Sends `signal` to the tree; true when something was there to receive it. */
  private signal(signal: NodeJS.Signals): boolean {
    const live = this.livePids();
    let delivered = sendSignal(-this.rootPid, signal);
    for (const pid of live) delivered = sendSignal(pid, signal) || delivered;
    return delivered;
  }

  private async waitUntilGone(ms: number): Promise<boolean> {
    for (let waited = 0; waited < ms; waited += CHECK_EVERY_MS) {
      if (!this.anyAlive()) return true;
      await delay(CHECK_EVERY_MS);
    }
    return !this.anyAlive();
  }

  private anyAlive(): boolean {
    // Without /proc the group is all we can see; with it, a group of zombies must not count as alive.
    return this.hasProcfs ? this.livePids().length > 0 : sendSignal(-this.rootPid, 0);
  }

  /** Remembered processes that still run (not zombies, not a new process under a reused pid). */
  private livePids(): number[] {
    const table = this.collect();
    return [...this.known]
      .filter(([pid, startTime]) => {
        const info = table.get(pid);
        return info !== undefined && info.startTime === startTime && info.state !== 'Z';
      })
      .map(([pid]) => pid);
  }

  /** Reads /proc and remembers the hook's group, session and descendants; returns the table by pid. */
  private collect(): Map<number, ProcessInfo> {
    const table = new Map(readProcessTable(this.options.procDir).map((p) => [p.pid, p]));
    // The hook's shell leads its own session and group, so both ids equal its pid.
    for (const info of table.values()) {
      if (info.pgid === this.rootPid || info.sid === this.rootPid) this.remember(info);
    }
    this.addDescendants(table);
    return table;
  }

  private isChildOfKnown(info: ProcessInfo, table: Map<number, ProcessInfo>): boolean {
    const parent = table.get(info.ppid);
    return parent !== undefined && this.known.get(parent.pid) === parent.startTime;
  }

  /** Children are listed before their parents at times (pid wrap-around): repeat until stable. */
  private addDescendants(table: Map<number, ProcessInfo>): void {
    for (let grew = true; grew;) {
      grew = false;
      for (const info of table.values()) {
        if (this.known.get(info.pid) === info.startTime || !this.isChildOfKnown(info, table)) continue;
        this.remember(info);
        grew = true;
      }
    }
  }

  private remember(info: ProcessInfo): void {
    this.known.set(info.pid, info.startTime);
  }
}

/** `process.kill` that reports instead of throwing: false when there was no such process or group. */
function sendSignal(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}
