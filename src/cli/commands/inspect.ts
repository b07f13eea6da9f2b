import path from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import type { RateLimits } from '../../config/types.js';
import type { CliCommand } from '../args.js';
import { renderDebug } from '../debug-view.js';
import { type CliIO, clockOf, println } from '../io.js';
import { selectRun } from '../run-selection.js';
import { findRepoRoot } from '../state-location.js';
import { renderNoState, renderStatus } from '../status-view.js';

type InspectCommand = Extract<CliCommand, { name: 'status' | 'debug' }>;

/** `taskmaster status` (§11, the guide's "State Inspection"). */
export async function statusCommand(command: InspectCommand, io: CliIO): Promise<number> {
  const run = await savedRun(command, io);
  if (run) println(io.stdout, renderStatus({ ...run, now: new Date(clockOf(io).now()) }));
  return 0;
}

/** `taskmaster debug`: every task's counters, the last errors, and rate-limit usage against each limit. */
export async function debugCommand(command: InspectCommand, io: CliIO): Promise<number> {
  const run = await savedRun(command, io);
  if (run) println(io.stdout, renderDebug({ ...run, now: new Date(clockOf(io).now()) }));
  return 0;
}

/**
 * The saved run and its configured limits. Prints the "no run state" message, or the list of runs to
 * choose from when there are several, and returns null instead.
 */
async function savedRun(command: InspectCommand, io: CliIO) {
  const selection = await selectRun(io, command, new Date(clockOf(io).now()));
  if (selection.kind === 'several') {
    println(io.stdout, selection.text);
    return null;
  }
  if (selection.kind === 'none') {
    println(io.stdout, renderNoState(path.join(selection.displayDir, 'state.json')));
    return null;
  }
  const state = await selection.store.load();
  if (!state) {
    println(io.stdout, renderNoState(selection.store.location));
    return null;
  }
  const limits = await configuredLimits(io, state.task_file, command.config);
  return { state, tasks: state.tasks, taskFile: state.task_file, limits };
}

/** Limits come from the configuration; a config that no longer loads still lets debug show usage. */
async function configuredLimits(
  io: CliIO,
  taskFile: string,
  configPath: string | undefined,
): Promise<Record<string, RateLimits>> {
  try {
    const config = await loadConfig({
      cwd: io.cwd,
      taskFile: path.resolve(await findRepoRoot(io.cwd), taskFile),
      env: io.env,
      requireSecrets: false,
      ...(configPath ? { configPath } : {}),
    });
    return Object.fromEntries(Object.values(config.providers).map((p) => [p.name, p.rate_limits]));
  } catch {
    return {};
  }
}
