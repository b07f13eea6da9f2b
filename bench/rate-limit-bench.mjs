// Rate-limit benchmark: runs the built CLI (lib/) against a loopback server that enforces the same
// limits as configured, and compares the elapsed time with the minimum those limits allow.
//
//   npm run build && node bench/rate-limit-bench.mjs [--provider claude|openai] [--tasks 8] [--writes 3]
//       [--windows 1.6] [--tokens-per-minute N] [--requests-per-minute N] [--no-align]
//
// See bench/README.md for what is measured and how the minimum is defined.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { callsPerWindow, idealSchedule, minuteStart } from './ideal-schedule.mjs';
import { startLimitServer } from './limit-server.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'lib', 'cli', 'index.js');
const MAX_OVERHEAD = 0.1;

const { values: args } = parseArgs({
  options: {
    provider: { type: 'string', default: 'claude' },
    tasks: { type: 'string', default: '8' },
    writes: { type: 'string', default: '3' },
    windows: { type: 'string', default: '1.6' },
    'tokens-per-minute': { type: 'string' },
    'requests-per-minute': { type: 'string' },
    'no-align': { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(message);
  process.exit(2);
}

if (!existsSync(cli)) fail(`No build found at ${cli}. Run \`npm run build\` first.`);
if (!['claude', 'openai'].includes(args.provider)) fail('--provider must be claude or openai');

/** A fresh git repository with a task file whose provider talks to `baseUrl`. */
function workspace(baseUrl, limits) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taskmaster-bench-'));
  const provider = {
    type: args.provider,
    api_key: 'bench-key',
    model: args.provider === 'claude' ? 'claude-sonnet-4-6' : 'gpt-4o',
    base_url: args.provider === 'openai' ? `${baseUrl}/v1` : baseUrl,
    ...(limits ? { rate_limits: limits } : {}),
  };
  const tasks = Array.from({ length: Number(args.tasks) }, (_, i) => ({
    id: `t${i + 1}`,
    title: `Generate module set ${i + 1}`,
    description: `Write the generated modules for set ${i + 1}. [[t${i + 1}]]`,
  }));
  const config = { provider_configs: { bench: provider }, rate_limit_max_wait: 90, tasks };
  writeFileSync(path.join(dir, 'tasks.yml'), stringify(config));
  writeFileSync(path.join(dir, 'README.md'), '# Benchmark workspace\n');
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench');
  return dir;
}

/** Runs `taskmaster run tasks.yml` in `dir`; resolves with its exit code, output and timing. */
function runTaskmaster(dir) {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
    const start = Date.now();
    const child = spawn(process.execPath, [cli, 'run', 'tasks.yml'], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output, start, end: Date.now() }));
  });
}

/** One run against its own server; the workspace is removed afterwards. */
async function measuredRun(limits) {
  const server = await startLimitServer({ writes: Number(args.writes), ...(limits ? { limits } : {}) });
  const dir = workspace(server.baseUrl, limits ? configLimits(limits) : undefined);
  try {
    const run = await runTaskmaster(dir);
    if (run.code !== 0) fail(`taskmaster exited with ${run.code}:\n${run.output}`);
    return { ...run, calls: server.log.calls, refused: server.log.refused };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function configLimits(limits) {
  return { max_requests_minute: limits.requests, max_tokens_minute: limits.tokens };
}

/** Waits for the next minute boundary (unless just past one), so that the first window is a whole minute. */
async function alignToMinute() {
  const into = Date.now() - minuteStart(Date.now());
  if (args['no-align'] || into < 2_000) return;
  const wait = 60_000 - into + 500;
  console.log(
    `Waiting ${Math.round(wait / 1000)} s to start at a minute boundary (the windows are clock-aligned).`,
  );
  await sleep(wait);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const count = (n) => n.toLocaleString('en-US');

function machine() {
  const cpus = os.cpus();
  const load = os.loadavg()[0].toFixed(2);
  return `${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()} (load average ${load})`;
}

console.log('TaskMaster rate-limit benchmark');
console.log(`Machine: ${machine()}\n`);

const baseline = await measuredRun(undefined);
const totalTokens = baseline.calls.reduce((s, c) => s + c.tokens, 0);
const limits = {
  tokens: Number(args['tokens-per-minute'] ?? Math.ceil(totalTokens / Number(args.windows) / 1000) * 1000),
  requests: Number(args['requests-per-minute'] ?? Math.ceil(baseline.calls.length / 1.2)),
};
console.log(
  `Baseline, no limits: ${baseline.calls.length} calls, ${count(totalTokens)} tokens, ${seconds(baseline.end - baseline.start)}`,
);
console.log(
  `Limits (configured in TaskMaster and enforced by the server, per clock-aligned minute): ` +
    `max_requests_minute ${count(limits.requests)}, max_tokens_minute ${count(limits.tokens)}; ` +
    `provider ${args.provider}, rate_limit_max_wait 90\n`,
);

await alignToMinute();
const limited = await measuredRun(limits);
const elapsed = limited.end - limited.start;
const gaps = baseline.calls.map((c, i) => c.at - (i === 0 ? baseline.start : baseline.calls[i - 1].at));
const ideal = idealSchedule({
  start: limited.start,
  gaps,
  tail: baseline.end - (baseline.calls.at(-1)?.at ?? baseline.start),
  tokens: limited.calls.map((c) => c.tokens),
  limits,
});
const overhead = (elapsed - ideal.elapsed) / ideal.elapsed;
const startedAt = new Date(limited.start).toISOString().slice(11, 23);

console.log(`Limited run: started ${startedAt} UTC`);
console.log(`  model calls:        ${limited.calls.length}`);
console.log(`  HTTP 429 answers:   ${limited.refused.length}`);
console.log(`  tokens:             ${count(limited.calls.reduce((s, c) => s + c.tokens, 0))}`);
console.log(
  `  calls per window:   ${callsPerWindow(
    limited.start,
    limited.calls.map((c) => c.at),
  ).join(', ')}`,
);
console.log(`  elapsed:            ${seconds(elapsed)}`);
console.log(
  `Theoretical minimum:  ${seconds(ideal.elapsed)} (calls per window: ${ideal.perWindow.join(', ')})`,
);
console.log(
  '  = the elapsed time of an ideal runner that starts at the same moment, does the same work at the\n' +
    "    baseline's speed (the same gaps between calls, the same time after the last call), knows every\n" +
    '    call’s exact token count, and waits only when the next call would not fit the current clock-aligned\n' +
    '    minute — exactly until that minute ends.',
);
console.log(`Overhead:             ${(overhead * 100).toFixed(1)}% (allowed: ${MAX_OVERHEAD * 100}%)`);

const ok = limited.refused.length === 0 && overhead <= MAX_OVERHEAD && limited.calls.length >= 30;
console.log(`Result:               ${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);
