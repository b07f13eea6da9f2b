/**
 * Which run `status`, `debug`, `resume`, `retry`, `skip` and `abort` act on: the only run of the state
 * directory, or the one `--task-file` names. With several and no choice, the runs are listed with how
 * to pick one (docs/state-and-resume.md, "Several task files").
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { relativePosix, staysInside } from '../config/repo-paths.js';
import { UsageError } from '../errors.js';
import { FileStateStore } from '../state/file-state-store.js';
import { listRuns, type SavedRun } from '../state/run-location.js';
import { formatAgo } from './format.js';
import type { CliIO } from './io.js';
import { findRepoRoot, findStateDir, shownStateDir } from './state-location.js';

/** What the state directory offers the command. */
export type RunSelection =
  | { kind: 'none'; stateDir: string; displayDir: string }
  | { kind: 'one'; run: SavedRun; store: FileStateStore; repoRoot: string }
  /** `text` lists the runs and says how to choose. */
  | { kind: 'several'; runs: SavedRun[]; text: string };

export async function selectRun(
  io: Pick<CliIO, 'cwd' | 'env'>,
  command: { name: string; taskFile?: string },
  now: Date,
): Promise<RunSelection> {
  const repoRoot = await findRepoRoot(io.cwd);
  const stateDir = await findStateDir(io.cwd, io.env);
  const displayDir = shownStateDir(stateDir, io.cwd);
  const runs = await listRuns(stateDir, displayDir);
  const one = (run: SavedRun) => ({ kind: 'one' as const, run, store: storeOf(run), repoRoot });
  if (command.taskFile !== undefined) {
    const wanted = await recordedTaskFile(io.cwd, repoRoot, command.taskFile);
    const run = runs.find((r) => r.taskFile === wanted);
    if (run) return one(run);
    throw new UsageError(noSuchRun(wanted, displayDir, runs, command.name, now));
  }
  if (runs.length === 0) return { kind: 'none', stateDir, displayDir };
  if (runs.length === 1 && runs[0]) return one(runs[0]);
  return { kind: 'several', runs, text: chooseRunText(runs, displayDir, command.name, now) };
}

/** The task file as state records it: relative to the repository root when inside it (docs/configuration.md). */
async function recordedTaskFile(cwd: string, repoRoot: string, typed: string): Promise<string> {
  const absolute = path.resolve(cwd, typed);
  const real = await realpath(absolute).catch(() => absolute);
  return (await staysInside(repoRoot, real)) ? relativePosix(repoRoot, real) : real;
}

function storeOf(run: SavedRun): FileStateStore {
  const hint = run.state ? { taskFileHint: run.taskFile } : {};
  return new FileStateStore(run.paths.dir, { displayDir: run.paths.displayDir, ...hint });
}

/** The table of runs and the command that picks one. */
export function chooseRunText(runs: SavedRun[], displayDir: string, command: string, now: Date): string {
  const rows = runs.map((run) => [
    run.taskFile,
    run.state?.status ?? 'unreadable',
    run.state ? progressOf(run) : '-',
    run.state ? formatAgo(new Date(run.state.updated_at), now) : '-',
  ]);
  const table = [['Task file', 'Status', 'Progress', 'Updated'], ...rows];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  const lines = table.map((row) =>
    `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd(),
  );
  const example = runs[runs.length - 1]?.taskFile ?? '<task-file>';
  return [
    `${displayDir} holds the runs of ${runs.length} task files:`,
    ...lines,
    `Choose one with --task-file, e.g.: taskmaster ${command} --task-file ${example}`,
  ].join('\n');
}

function noSuchRun(wanted: string, displayDir: string, runs: SavedRun[], command: string, now: Date): string {
  const first = `No run of ${wanted} in ${displayDir}.`;
  if (runs.length === 0) return `${first} Start one with: taskmaster run ${wanted}`;
  return `${first}\n${chooseRunText(runs, displayDir, command, now)}`;
}

function progressOf(run: SavedRun): string {
  const state = run.state;
  if (!state) return '-';
  const done = new Set([...state.completed_task_ids, ...state.skipped_task_ids]).size;
  return `${done}/${state.tasks.length}`;
}
