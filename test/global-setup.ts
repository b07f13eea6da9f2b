import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests spawn the real CLI from `lib/`, so compile it once per test run. Type errors are
 * reported by `npm run typecheck`; here only a missing output is fatal.
 */
export default function setup(): void {
  const result = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0 && !existsSync('lib/cli/index.js')) {
    throw new Error(`tsc failed:\n${result.stdout}${result.stderr}`);
  }
}
