import { execFileSync } from 'node:child_process';

/** End-to-end tests spawn the real CLI from `lib/`, so compile it once per test run. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
