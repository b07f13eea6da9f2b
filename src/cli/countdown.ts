/**
 * The live countdown of an in-process wait (rate-limit window, server retry-after): one line rewritten
 * every second on a terminal, a single plain line anywhere else (CI logs keep every write).
 */
import { formatCountdown, formatTimestamp } from './format.js';
import type { TerminalWriter } from './terminal-writer.js';

/** Timers, injectable so a test can drive the countdown with fake time. */
export interface CountdownTimers {
  now(): number;
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: CountdownTimers = {
  now: () => Date.now(),
  setInterval: (tick, ms) => {
    const handle = setInterval(tick, ms);
    // A countdown is decoration: it must never keep the process alive by itself.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export class Countdown {
  private handle: unknown;
  /** The wait being shown: its reason, when it started and when it ends. */
  private wait: { reason: string; from: number; until: number } | undefined;

  constructor(
    private readonly writer: TerminalWriter,
    private readonly timers: CountdownTimers,
    private readonly paint: (text: string) => string,
  ) {}

  /** Shows a wait until `until`; replaces any countdown already running. */
  start(reason: string, until: Date): void {
    this.stop();
    const total = until.getTime() - this.timers.now();
    this.wait = { reason, from: this.timers.now(), until: until.getTime() };
    if (!this.writer.isTTY) {
      this.writer.line(
        this.paint(`⏳ Waiting ${formatCountdown(total)} (until ${formatTimestamp(until)} UTC): ${reason}`),
      );
      return;
    }
    const tick = (): void => {
      const left = until.getTime() - this.timers.now();
      if (left <= 0) this.stop();
      else this.writer.rewrite(this.paint(`⏳ Waiting ${formatCountdown(left)}: ${reason}`));
    };
    tick();
    if (until.getTime() > this.timers.now()) this.handle = this.timers.setInterval(tick, 1000);
  }

  /**
   * Ends the countdown line (if one is live), leaving a record of the wait: how long it really lasted,
   * which is less than planned when the run stops early (Ctrl+C) or the wait ends sooner.
   */
  stop(): void {
    if (this.handle !== undefined) this.timers.clearInterval(this.handle);
    this.handle = undefined;
    const wait = this.wait;
    if (wait === undefined) return this.writer.endLive();
    const waited = Math.min(this.timers.now(), wait.until) - wait.from;
    this.writer.endLive(this.paint(`⏳ Waited ${formatCountdown(waited)}: ${wait.reason}`));
  }
}
