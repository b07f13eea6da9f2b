import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { appendCapped, DEFAULT_LOG_CAP } from '../util/capped-log.js';
import type { LogCap } from '../util/capped-log.js';
import type { Redactor } from '../util/redact.js';

export type TaskLogName = 'pre.log' | 'post.log' | 'agent.log' | 'error.log' | 'prompt.txt';

/**
 * `.taskmaster/logs/<task-id>/` (§2). Appends synchronously so that a log line is on disk before the
 * step it describes goes on, and a crash leaves the log complete up to that point. Every line passes
 * through the redactor, so no secret value reaches a log file. Each file keeps its head and tail within
 * a few MB (`capped-log.ts`).
 */
export class TaskLogs {
  private readonly root: string;
  private readonly redact: Redactor;
  private readonly now: () => number;
  private readonly cap: LogCap;
  constructor(stateDir: string, redact: Redactor, now: () => number, cap: LogCap = DEFAULT_LOG_CAP) {
    this.root = path.join(stateDir, 'logs');
    this.redact = redact;
    this.now = now;
    this.cap = cap;
  }

  file(taskId: string, name: TaskLogName): string {
    return path.join(this.root, taskId, name);
  }

  append(taskId: string, name: TaskLogName, text: string): void {
    const file = this.file(taskId, name);
    mkdirSync(path.dirname(file), { recursive: true });
    appendCapped(file, this.redact(text.endsWith('\n') ? text : `${text}\n`), this.cap);
  }

  /** A timestamped line, e.g. in agent.log and error.log. */
  line(taskId: string, name: TaskLogName, text: string): void {
    this.append(taskId, name, `[${new Date(this.now()).toISOString()}] ${text}`);
  }
}
