import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findStateDirs } from '../state/state-dirs.js';
import { exec } from '../util/exec.js';
import { NO_REPOSITORY_HOOKS } from '../util/git-no-hooks.js';

const INDEX_LOCKED = /index\.lock': File exists/;
const INDEX_LOCK_TRIES = 50;
const INDEX_LOCK_PAUSE_MS = 100;

/**
 * The few git operations the engine needs, run in the repository root, with no repository hooks and
 * (given `env`) the environment hooks get: nothing git starts sees a key or token.
 */
export class Git {
  readonly root: string;
  private readonly env: NodeJS.ProcessEnv | undefined;
  constructor(root: string, env?: Record<string, string>) {
    this.root = root;
    this.env = env;
  }

  async isRepo(): Promise<boolean> {
    const r = await exec('git', ['rev-parse', '--is-inside-work-tree'], { cwd: this.root }).catch(() => null);
    return r?.code === 0 && r.stdout.trim() === 'true';
  }

  /**
   * A fingerprint of the working tree: `git diff HEAD` plus the content of untracked files, excluding
   * every state directory (this run's and any other run's, see `stateDirExcludes`). Equal fingerprints
   * mean the agent changed nothing (non-progress detection, docs/configuration.md).
   */
  async snapshot(excludeDir: string | undefined): Promise<string> {
    const hash = createHash('sha256');
    const exclude = await this.stateDirExcludes(excludeDir);
    const diff = await this.git(['diff', 'HEAD', '--binary', '--', '.', ...exclude]);
    hash.update(
      diff.code === 0 ? diff.stdout : (await this.git(['diff', '--binary', '--', '.', ...exclude])).stdout,
    );
    const untracked = await this.git([
      'ls-files',
      '--others',
      '--exclude-standard',
      '-z',
      '--',
      '.',
      ...exclude,
    ]);
    for (const file of untracked.stdout.split('\0').filter(Boolean).sort()) {
      hash.update(`\0${file}\0`);
      hash.update(await this.fileFingerprint(path.join(this.root, file)));
    }
    return hash.digest('hex');
  }

  /** Paths that differ from HEAD (tracked changes and untracked files), excluding every state directory. */
  async changedFiles(excludeDir: string | undefined): Promise<string[]> {
    const exclude = await this.stateDirExcludes(excludeDir);
    const tracked = await this.trackedChanges(exclude);
    return [...new Set([...tracked, ...(await this.untracked(exclude))])].sort();
  }

  /**
   * Commits the task's changes: with `only`, just those paths (the files the task's attempts wrote), so
   * that a commit never takes another run's or a person's uncommitted work; without it, every change.
   * State directories are always left out. Returns the new commit, or `null` when there was nothing to
   * commit. Author defaults apply only when the repository has none configured.
   */
  async commitAll(
    message: string,
    excludeDir: string | undefined,
    only?: readonly string[],
  ): Promise<string | null> {
    const paths = only === undefined ? undefined : await this.changedAmong(only, excludeDir);
    if (paths?.length === 0) return null;
    const pathspec = paths === undefined ? ['.'] : paths.map((p) => `:(literal)${p}`);
    await this.checked(['add', '-A', '--', ...pathspec, ...(await this.addExclude(excludeDir))]);
    const staged = await this.git(['diff', '--cached', '--quiet', '--', ...pathspec]);
    if (staged.code === 0) return null;
    // With paths, `commit -- <paths>` commits those alone, whatever else is staged meanwhile.
    const onlyThese = paths === undefined ? [] : ['--', ...pathspec];
    await this.checked([
      ...(await this.identityArgs()),
      'commit',
      '--no-verify',
      '-q',
      '-m',
      message,
      ...onlyThese,
    ]);
    return (await this.checked(['rev-parse', 'HEAD'])).stdout.trim();
  }

  /** The given paths that differ from HEAD, outside every state directory. */
  private async changedAmong(paths: readonly string[], excludeDir: string | undefined): Promise<string[]> {
    const changed = new Set(await this.changedFiles(excludeDir));
    return [...new Set(paths)].filter((p) => changed.has(p)).sort();
  }

  /** Subject line of HEAD, or `null` when there is no commit yet. */
  async headSubject(): Promise<{ sha: string; subject: string } | null> {
    const r = await this.git(['log', '-1', '--format=%H%x00%s']);
    if (r.code !== 0 || !r.stdout.includes('\0')) return null;
    const [sha = '', subject = ''] = r.stdout.trim().split('\0');
    return { sha, subject };
  }

  /**
   * Exclude pathspecs for this run's state directory and every other one found among the changed and
   * untracked paths (docs/state-and-resume.md, "Parallel runs"): another run's state, lock and logs
   * are never part of this run's snapshot or commit. Others are found anew on each call, as a parallel
   * run may start at any time.
   */
  private async stateDirExcludes(ownDir: string | undefined): Promise<string[]> {
    const own = this.relativeInside(ownDir);
    const ownExclude = own === undefined ? [] : [`:(exclude)${own}`];
    const candidates = [...(await this.trackedChanges(ownExclude)), ...(await this.untracked(ownExclude))];
    const others = (await findStateDirs(this.root, candidates)).filter((d) => d !== own);
    return [...ownExclude, ...others.map((d) => `:(exclude)${d}`)];
  }

  /** Tracked paths that differ from HEAD; before the first commit, every tracked path. */
  private async trackedChanges(exclude: string[]): Promise<string[]> {
    const diff = await this.git(['diff', 'HEAD', '--name-only', '-z', '--', '.', ...exclude]);
    const r = diff.code === 0 ? diff : await this.git(['ls-files', '-z', '--', '.', ...exclude]);
    return r.stdout.split('\0').filter(Boolean);
  }

  private async untracked(exclude: string[]): Promise<string[]> {
    const r = await this.git(['ls-files', '--others', '--exclude-standard', '-z', '--', '.', ...exclude]);
    return r.stdout.split('\0').filter(Boolean);
  }

  /**
   * `git add` refuses to name an ignored path, even to exclude it; an ignored state dir needs no
   * exclusion (other runs' state directories are found among the paths git shows, so never ignored).
   */
  private async addExclude(dir: string | undefined): Promise<string[]> {
    const exclude = await this.stateDirExcludes(dir);
    const own = this.relativeInside(dir);
    if (own === undefined) return exclude;
    const ignored = await this.git(['check-ignore', '-q', own]);
    return ignored.code === 0 ? exclude.filter((e) => e !== `:(exclude)${own}`) : exclude;
  }

  /** `dir` relative to the root with POSIX separators, or undefined when it is outside (or is the root). */
  private relativeInside(dir: string | undefined): string | undefined {
    if (!dir) return undefined;
    const rel = path.relative(this.root, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  private async identityArgs(): Promise<string[]> {
    const email = await this.git(['config', 'user.email']);
    const name = await this.git(['config', 'user.name']);
    const args: string[] = [];
    if (name.code !== 0 || !name.stdout.trim()) args.push('-c', 'user.name=TaskMaster');
    if (email.code !== 0 || !email.stdout.trim())
      args.push('-c', 'user.email=taskmaster@users.noreply.github.com');
    return args;
  }

  private async fileFingerprint(file: string): Promise<string> {
    try {
      const info = await lstat(file);
      if (info.isSymbolicLink()) return `link:${await readlink(file)}`;
      if (!info.isFile()) return 'other';
      return createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    } catch {
      return 'missing';
    }
  }

  private git(args: string[]): ReturnType<typeof exec> {
    const env = this.env === undefined ? {} : { env: this.env };
    return exec('git', [...NO_REPOSITORY_HOOKS, ...args], { cwd: this.root, ...env });
  }

  private async checked(args: string[]): ReturnType<typeof exec> {
    let r = await this.git(args);
    // Two runs in one work tree (docs/state-and-resume.md) may stage or commit at the same moment; git
    // then refuses the second with "index.lock: File exists" until the first is done.
    for (let i = 0; r.code !== 0 && INDEX_LOCKED.test(r.stderr) && i < INDEX_LOCK_TRIES; i += 1) {
      await delay(INDEX_LOCK_PAUSE_MS);
      r = await this.git(args);
    }
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim() || r.stdout.trim()}`);
    return r;
  }
}

/** Where git keeps the index lock of the repository at `root` (`.git/index.lock`, or a worktree's). */
export async function indexLockPath(root: string): Promise<string | null> {
  const r = await exec('git', ['rev-parse', '--git-path', 'index.lock'], { cwd: root }).catch(() => null);
  if (r?.code !== 0) return null;
  return path.resolve(root, r.stdout.trim());
}
