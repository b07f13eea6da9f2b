/**
 * The built action, as the runner runs it: `dist/index.js` from `@vercel/ncc`. Building takes a minute
 * or more, so the bundle is built once per content of `src/` and the lock file, into a temporary folder
 * shared by every test run on the machine (built aside, then renamed into place).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Absolute path of `index.js` of a bundle that matches the current source. `TASKMASTER_ACTION_BUNDLE`
 * names a bundle built by hand instead (for quick iterations; it is then the caller's job that it is current).
 */
export function actionBundle(): string {
  const given = process.env.TASKMASTER_ACTION_BUNDLE;
  if (given) return path.resolve(given);
  const dir = path.join(tmpdir(), `taskmaster-action-bundle-${sourceHash()}`);
  const entry = path.join(dir, 'index.js');
  if (existsSync(entry)) return entry;
  const building = `${dir}.building-${process.pid}`;
  const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  execFileSync(process.execPath, [ncc, 'build', 'src/action/index.ts', '-o', building, '-q'], {
    cwd: root,
    stdio: 'pipe',
  });
  try {
    renameSync(building, dir);
  } catch {
    // Another test run finished the same bundle first: theirs is as good.
    rmSync(building, { recursive: true, force: true });
  }
  return entry;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...files(path.join(root, 'src')), path.join(root, 'package-lock.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}
