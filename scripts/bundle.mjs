// Bundles the Action (dist/index.js: main and post) and the CLI (dist/cli/index.js) with ncc.
// `--check` builds into a temporary folder and fails when the committed dist/ differs from it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(path.join(tmpdir(), 'taskmaster-dist-')) : path.join(root, 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const bundles = [
  { entry: 'src/action/index.ts', dir: '.' },
  { entry: 'src/cli/index.ts', dir: 'cli' },
];

if (!check) rmSync(out, { recursive: true, force: true });
for (const { entry, dir } of bundles) {
  execFileSync(
    process.execPath,
    [ncc, 'build', entry, '-o', path.join(out, dir), '--license', 'licenses.txt', '-q'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

if (check) {
  const differences = compare(out, path.join(root, 'dist'));
  rmSync(out, { recursive: true, force: true });
  if (differences.length > 0) {
    console.error(
      `dist/ is out of date (${differences.join(', ')}). Run \`npm run bundle\` and commit dist/.`,
    );
    process.exit(1);
  }
  console.log('dist/ matches a fresh build.');
}

function files(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

function compare(fresh, committed) {
  let committedFiles = [];
  try {
    committedFiles = files(committed);
  } catch {
    return ['dist/ is missing'];
  }
  const freshFiles = files(fresh);
  const all = [...new Set([...freshFiles, ...committedFiles])].sort();
  return all.filter((file) => {
    if (!freshFiles.includes(file) || !committedFiles.includes(file)) return true;
    return !readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(committed, file)));
  });
}
