import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'config');

const made: string[] = [];

// After all tests of a file, not each: concurrent tests must not lose their directories mid-test.
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory (outside any git repository), removed when the test file is done. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'taskmaster-config-'));
  made.push(dir);
  return dir;
}

/** A copy of `test/fixtures/config/<name>` in a fresh temporary directory. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
