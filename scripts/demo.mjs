// Runs the offline quickstart: copies examples/quickstart into a temporary git repository and runs
// the freshly built CLI there with the recorded (scripted) model. No API key, no network.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'lib', 'cli', 'index.js');
const work = mkdtempSync(path.join(tmpdir(), 'taskmaster-quickstart-'));
cpSync(path.join(root, 'examples', 'quickstart'), work, { recursive: true });

const git = (...args) => execFileSync('git', args, { cwd: work, stdio: 'ignore' });
git('init', '-q');
git('add', '-A');
git('-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', 'commit', '-qm', 'quickstart');

const taskmaster = (...args) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] }).status;

console.log(`Quickstart copied to ${work}\n$ taskmaster run tasks.yml --auto-apply\n`);
const code = taskmaster('run', 'tasks.yml', '--auto-apply');
console.log('\n$ taskmaster status\n');
taskmaster('status');
console.log(`\nLogs: ${path.join(work, '.taskmaster', 'logs')}`);
console.log(`Commits: git -C ${work} log --oneline`);
process.exit(code ?? 1);
