// Dry-run benchmark: times `taskmaster run tasks.yml --dry-run` of the built CLI (lib/) on generated
// task files of growing size, to show that the time grows linearly with the number of tasks.
//
//   npm run build && node bench/dry-run-bench.mjs [--tasks 1000,5000]
//
// Before each task path's repository context was looked at once (not once per task), 5,000 tasks took
// minutes; now they take seconds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'lib', 'cli', 'index.js');
const { values: args } = parseArgs({ options: { tasks: { type: 'string', default: '1000,5000' } } });

function workspace(count) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taskmaster-dry-run-bench-'));
  const tasks = Array.from({ length: count }, (_, i) => ({
    id: `task-${i}`,
    title: `Task number ${i}`,
    description: `- do thing ${i}\n- and another`,
  }));
  writeFileSync(path.join(dir, 'tasks.yml'), stringify({ tasks }));
  const provider = { replay: { type: 'scripted', script: 'script.yml' } };
  writeFileSync(path.join(dir, '.taskmaster.yml'), stringify({ provider_configs: provider }));
  writeFileSync(path.join(dir, 'script.yml'), 'tasks: {}\n');
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'bench');
  return dir;
}

const rows = [];
for (const count of args.tasks.split(',').map(Number)) {
  const dir = workspace(count);
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, 'run', 'tasks.yml', '--dry-run', '--quiet'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  rows.push({ tasks: count, seconds: seconds.toFixed(2), msPerTask: ((seconds * 1000) / count).toFixed(2) });
}
console.table(rows);
