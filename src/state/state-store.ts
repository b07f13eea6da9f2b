import type { RunState } from './run-state.js';

/** A held lock on a state directory; release it when the run ends. */
export interface StateLock {
  release(): Promise<void>;
}

/**
 * Where run state lives. `FileStateStore` writes `state.json` atomically with a `.bak`; the in-memory
 * twin serves tests; the Action moves the file store's directory through `@actions/cache`.
 */
export interface StateStore {
  /** Human-readable location, for messages (`.taskmaster/state.json`). */
  readonly location: string;
  /**
   * The directory of this run's files, where its `logs/` go: the state directory, or its `runs/<slug>/`
   * for a second task file (docs/state-and-resume.md). Known once `lock()` resolved; absent in memory.
   */
  readonly runDir?: string;
  /** The saved state, or `null` when there is none. Throws `StateError` when it is corrupt or invalid. */
  load(): Promise<RunState | null>;
  /** Saves atomically; after it resolves, a crash cannot lose or corrupt this state. */
  save(state: RunState): Promise<void>;
  /**
   * The previous save when it loads (`state.json.bak`), else `null`: what `--fresh` can still carry over
   * (the account's rate-limit usage) when the current state cannot be read. Stores without one omit it.
   */
  loadBackup?(): Promise<RunState | null>;
  /** Keeps the current state as a backup and removes it (for `--fresh`). */
  archive(): Promise<string | null>;
  /** Refuses (throws `StateError` kind `locked`) while another live process holds the lock. */
  lock(): Promise<StateLock>;
  /**
   * The saved states of other task files' runs sharing this state directory, most recently updated
   * first (docs/state-and-resume.md, "Several task files"); absent where there are none to share.
   */
  siblingStates?(): Promise<RunState[]>;
}

/** In-memory twin of the file store. Saves deep copies so later mutation cannot leak in. */
export class MemoryStateStore implements StateStore {
  readonly location = 'memory';
  private state: RunState | null;
  private locked = false;
  saves = 0;
  constructor(initial: RunState | null = null) {
    this.state = initial ? structuredClone(initial) : null;
  }
  load(): Promise<RunState | null> {
    return Promise.resolve(this.state ? structuredClone(this.state) : null);
  }
  save(state: RunState): Promise<void> {
    this.state = structuredClone(state);
    this.saves += 1;
    return Promise.resolve();
  }
  archive(): Promise<string | null> {
    const had = this.state !== null;
    this.state = null;
    return Promise.resolve(had ? 'memory.bak' : null);
  }
  lock(): Promise<{ release(): Promise<void> }> {
    if (this.locked) throw new Error('memory store already locked');
    this.locked = true;
    return Promise.resolve({
      release: () => {
        this.locked = false;
        return Promise.resolve();
      },
    });
  }
}
