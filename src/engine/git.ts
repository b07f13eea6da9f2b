import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { exec } from '../util/exec.js';
import { NO_REPOSITORY_HOOKS } from '../util/git-no-hooks.js';

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
   * A fingerprint of the working tree: `git diff HEAD` plus the content of untracked files, excluding the
   * state directory. Equal fingerprints mean the agent changed nothing (§6 non-progress detection).
   */
  async snapshot(excludeDir: string | undefined): Promise<string> {
    const hash = createHash('sha256');
    const exclude = this.pathspecExclude(excludeDir);
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

  /** Paths that differ from HEAD (tracked changes and untracked files), excluding the state directory. */
  async changedFiles(excludeDir: string | undefined): Promise<string[]> {
    const r = await this.git([
      'status',
      '--porcelain',
      '-z',
      '--untracked-files=all',
      '--',
      '.',
      ...this.pathspecExclude(excludeDir),
    ]);
    return r.stdout
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3));
  }

  /**
   * Commits every change except the state directory. Returns the new commit, or `null` when there was
   * nothing to commit. Author defaults apply only when the repository has none configured.
   */
  async commitAll(message: string, excludeDir: string | undefined): Promise<string | null> {
    await this.checked(['add', '-A', '--', '.', ...(await this.addExclude(excludeDir))]);
    const staged = await this.git(['diff', '--cached', '--quiet']);
    if (staged.code === 0) return null;
    await this.checked([...(await this.identityArgs()), 'commit', '--no-verify', '-q', '-m', message]);
    return (await this.checked(['rev-parse', 'HEAD'])).stdout.trim();
  }

  /** Subject line of HEAD, or `null` when there is no commit yet. */
  async headSubject(): Promise<{ sha: string; subject: string } | null> {
    const r = await this.git(['log', '-1', '--format=%H%x00%s']);
    if (r.code !== 0 || !r.stdout.includes('\0')) return null;
    const [sha = '', subject = ''] = r.stdout.trim().split('\0');
    return { sha, subject };
  }

  /** `git add` refuses to name an ignored path, even to exclude it; an ignored state dir needs no exclusion. */
  private async addExclude(dir: string | undefined): Promise<string[]> {
    const exclude = this.pathspecExclude(dir);
    if (!dir || exclude.length === 0) return exclude;
    const ignored = await this.git(['check-ignore', '-q', path.relative(this.root, dir)]);
    return ignored.code === 0 ? [] : exclude;
  }

  private pathspecExclude(dir: string | undefined): string[] {
    if (!dir) return [];
    const rel = path.relative(this.root, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return [];
    return [`:(exclude)${rel.split(path.sep).join('/')}`];
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
    const r = await this.git(args);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim() || r.stdout.trim()}`);
    return r;
  }
}
