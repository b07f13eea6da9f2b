/**
 * `state.json` on disk (§10): atomic saves with the previous version kept as `state.json.bak`, loads
 * that refuse a corrupt or invalid file with the guide's recovery steps (and never touch it), a lock so
 * that one run at a time uses the directory, and `archive()` for `--fresh`.
 */
import { link, mkdir, readdir, readFile } from 'node:fs/promises';
import { StateError } from '../errors.js';
import { systemClock, type Clock } from '../engine/ports.js';
import { NO_SECRETS, type Redactor } from '../util/redact.js';
import { codeOf, removeIfPresent, syncDirectory, writeFileAtomic } from './atomic-write.js';
import { loadFailureMessage, newerVersionMessage, type RecoveryContext } from './recovery-message.js';
import type { RunState } from './run-state.js';
import { parseStateText, serializeState } from './state-file-format.js';
import { claimRunPlace, findRunPlace, siblingStates } from './run-location.js';
import { acquireStateLock } from './state-lock.js';
import { BACKUP_FILE, STATE_FILE, TMP_PREFIX, statePaths, type StatePaths } from './state-paths.js';
import type { StateLock, StateStore } from './state-store.js';

/** Options of `FileStateStore`; every one has a sensible default. */
export interface FileStateStoreOptions {
  /** How to show the directory in messages (`.taskmaster`); default: the directory as given. */
  displayDir?: string;
  /** The task file to name in recovery steps; default the `taskFile` below, else `tasks.yml`. */
  taskFileHint?: string;
  /**
   * The task file (relative to the repository root) whose run this store holds. The store then finds that
   * run among the runs of the state directory, and `lock()` claims a place for a new one (see
   * `run-location.ts`). Without it the store is the directory's own `state.json`.
   */
  taskFile?: string;
  /** Told about things worth knowing that are not errors (a stale lock taken over). */
  onWarning?: (message: string) => void;
  /** Time for lock stamps and archive names; default the system clock. */
  clock?: Clock;
  /** This machine's name for the lock; default `os.hostname()`. */
  hostname?: string;
  /**
   * Masks secrets in the saved text, so that neither `state.json` nor its backup (both uploaded and
   * cached by the Action) ever holds one (see docs/security.md); default: masks nothing.
   */
  redact?: Redactor;
}

export class FileStateStore implements StateStore {
  private paths: StatePaths;
  /** With `taskFile`: whether `paths` already point at that task file's run. */
  private placed = false;
  /** Saves run one after another: they share the temporary file name. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly stateDir: string,
    private readonly opts: FileStateStoreOptions = {},
  ) {
    this.paths = statePaths(stateDir, opts.displayDir);
  }

  /** `state.json` of this run as messages show it. */
  get location(): string {
    return this.paths.show(STATE_FILE);
  }

  /** The directory of this run's `state.json`, `state.lock` and `logs/`. */
  get runDir(): string {
    return this.paths.dir;
  }

  async load(): Promise<RunState | null> {
    await this.findPlace();
    const text = await this.readState();
    if (text === null) return null;
    const parsed = parseStateText(text);
    if (parsed.kind === 'ok') return parsed.state;
    const ctx = await this.recoveryContext();
    const file = this.paths.file(STATE_FILE);
    switch (parsed.kind) {
      case 'not-json':
        throw new StateError('corrupt', file, loadFailureMessage('Invalid JSON', ctx), {
          cause: parsed.error,
        });
      case 'invalid':
        throw new StateError('invalid', file, loadFailureMessage(parsed.problem, ctx));
      case 'newer':
        throw new StateError('invalid', file, newerVersionMessage(parsed.version, ctx));
    }
  }

  save(state: RunState): Promise<void> {
    const next = this.saving.then(() => this.write(state));
    this.saving = next.catch(() => undefined);
    return next;
  }

  async loadBackup(): Promise<RunState | null> {
    try {
      const parsed = parseStateText(await readFile(this.paths.file(BACKUP_FILE), 'utf8'));
      return parsed.kind === 'ok' ? parsed.state : null;
    } catch {
      return null;
    }
  }

  async archive(): Promise<string | null> {
    await this.findPlace();
    const stamp = archiveStamp(new Date((this.opts.clock ?? systemClock).now()));
    for (let n = 0; ; n += 1) {
      const name = `${STATE_FILE}.${stamp}${n === 0 ? '' : `-${n}`}.old`;
      const moved = await this.moveStateTo(name);
      if (moved === 'missing') return null;
      if (moved === 'moved') return this.paths.show(name);
    }
  }

  async lock(): Promise<StateLock> {
    const opts = {
      ...(this.opts.clock && { clock: this.opts.clock }),
      ...(this.opts.hostname !== undefined && { hostname: this.opts.hostname }),
      ...(this.opts.onWarning && { onWarning: this.opts.onWarning }),
      taskFile: this.taskFile(),
    };
    let held: StateLock;
    if (this.opts.taskFile === undefined) {
      await this.ensureDir();
      held = await acquireStateLock(this.paths, opts);
    } else {
      const claimed = await claimRunPlace(this.stateDir, this.opts.taskFile, {
        ...opts,
        displayDir: this.opts.displayDir ?? this.stateDir,
      });
      this.paths = claimed.place.paths;
      this.placed = true;
      held = claimed.lock;
    }
    await this.removeLeftoverTempFiles();
    return held;
  }

  /** See `StateStore.siblingStates`; none without `taskFile`, as the store then knows no other runs. */
  async siblingStates(): Promise<RunState[]> {
    if (this.opts.taskFile === undefined) return [];
    return siblingStates(this.stateDir, this.opts.taskFile);
  }

  /** With `taskFile`, points `paths` at that task file's run (or where it would start) before a read. */
  private async findPlace(): Promise<void> {
    if (this.opts.taskFile === undefined || this.placed) return;
    const displayDir = this.opts.displayDir ?? this.stateDir;
    this.paths = (await findRunPlace(this.stateDir, this.opts.taskFile, displayDir)).paths;
  }

  private async write(state: RunState): Promise<void> {
    await this.findPlace();
    const file = this.paths.file(STATE_FILE);
    let text: string;
    try {
      text = serializeState(state);
    } catch (error) {
      throw new StateError('invalid', file, `Refusing to save an invalid state to ${this.location}`, {
        cause: error,
      });
    }
    try {
      await this.ensureDir();
      await writeFileAtomic(
        { file, tmp: this.paths.file(`${TMP_PREFIX}${process.pid}`), backup: this.paths.file(BACKUP_FILE) },
        (this.opts.redact ?? NO_SECRETS)(text),
      );
    } catch (error) {
      throw this.ioError('save state to', error);
    }
  }

  /** The file's text, or `null` when there is no state. */
  private async readState(): Promise<string | null> {
    try {
      return await readFile(this.paths.file(STATE_FILE), 'utf8');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw this.ioError('read', error);
    }
  }

  /**
   * Link-then-unlink rather than rename: a link never replaces an existing archive. The backup goes
   * too, since it is older than the archive and would otherwise be offered for the next run's state.
   */
  private async moveStateTo(name: string): Promise<'moved' | 'exists' | 'missing'> {
    try {
      await link(this.paths.file(STATE_FILE), this.paths.file(name));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return 'missing';
      if (codeOf(error) === 'EEXIST') return 'exists';
      throw this.ioError('archive', error);
    }
    await removeIfPresent(this.paths.file(STATE_FILE));
    await removeIfPresent(this.paths.file(BACKUP_FILE));
    await syncDirectory(this.paths.dir);
    return 'moved';
  }

  private async recoveryContext(): Promise<RecoveryContext> {
    return { paths: this.paths, taskFile: this.taskFile(), backupUsable: await this.backupUsable() };
  }

  /** Only a backup that would itself load is worth offering. */
  private async backupUsable(): Promise<boolean> {
    return (await this.loadBackup()) !== null;
  }

  /** Temporary files of processes that died mid-save; only safe to remove while holding the lock. */
  private async removeLeftoverTempFiles(): Promise<void> {
    const names = await readdir(this.paths.dir);
    const ours = `${TMP_PREFIX}${process.pid}`;
    for (const name of names) {
      const isOurs = name === ours || name.startsWith(`${ours}.`);
      if (name.startsWith(TMP_PREFIX) && !isOurs) await removeIfPresent(this.paths.file(name));
    }
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.paths.dir, { recursive: true });
  }

  private taskFile(): string {
    return this.opts.taskFileHint ?? this.opts.taskFile ?? 'tasks.yml';
  }

  private ioError(action: string, error: unknown): StateError {
    const reason = error instanceof Error ? error.message : String(error);
    const message =
      `Failed to ${action} ${this.location}: ${reason}\n` +
      `Check that ${this.paths.show('')} is a writable directory, or point TASKMASTER_STATE_DIR at one.`;
    return new StateError('io', this.paths.file(STATE_FILE), message, { cause: error });
  }
}

/** `20251116T100000Z`: sortable, and free of the colons some filesystems refuse. */
export function archiveStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
