import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real git repository in a temporary folder, for end-to-end tests. */
export interface TempRepo {
  dir: string;
  write(file: string, content: string): void;
  read(file: string): string;
  git(...args: string[]): string;
  /** Commits everything as the test author; returns the new HEAD. */
  commit(message: string): string;
  cleanup(): void;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function createRepo(files: Record<string, string>, opts: { git?: boolean } = {}): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'taskmaster-test-'));
  const repo: TempRepo = {
    dir,
    write(file, content) {
      const full = path.join(dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    git: (...args) =>
      execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim(),
    commit(message) {
      repo.git('add', '-A');
      repo.git('commit', '-q', '--allow-empty', '-m', message);
      return repo.git('rev-parse', 'HEAD');
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  if (opts.git !== false) {
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Test');
    repo.git('config', 'user.email', 'test@example.com');
    repo.commit('initial');
  }
  return repo;
}
