/**
 * The dry run's tool-result size, measured from the repository instead of assumed. Most of what an
 * agent's tools send back is file contents — about half of its calls read a file — and the files it reads
 * are the ones under the task's path. A fixed guess is off by several times between a small library
 * (files of a few hundred tokens) and an application with 500-line modules, so the typical file of the
 * repository decides. The rest of the results (search hits, edit confirmations, a passing check) are
 * short.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { looksBinary, walkFiles } from '../agent/file-walker.js';
import { READ_MAX_BYTES } from '../agent/read-tool.js';
import type { ResolvedConfig, TaskConfig } from '../config/types.js';
import { DRY_RUN_TURN_MODEL, type DryRunTurnModel } from './dry-run-estimate.js';
import { estimateTextTokens } from './token-estimate.js';

/** Share of an agent's tool calls that read a file (reading and navigating dominate agent traces). */
export const READ_SHARE = 0.5;

/** Tokens of the other results: search hits, "edited 'x': replaced 4 lines", "PASSED: test". */
export const SMALL_RESULT_TOKENS = 100;

/** Files looked at per run: enough for a stable median, bounded for a monorepo. */
const MAX_FILES = 300;

/** The `read_file` tool prefixes every line with its number (`  12| `): about 3 tokens a line. */
const LINE_NUMBER_TOKENS = 3;

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Tokens of a tool result per turn, from the token sizes of the files the agent could read. */
export function toolResultTokens(fileTokens: readonly number[]): number | undefined {
  const typical = median(fileTokens);
  if (typical === undefined) return undefined;
  return Math.round(READ_SHARE * typical + (1 - READ_SHARE) * SMALL_RESULT_TOKENS);
}

/** What `read_file` would send for a file: its text (as far as the tool reads) with line numbers. */
function readResultTokens(bytes: Buffer): number | undefined {
  if (looksBinary(bytes)) return undefined;
  const text = bytes.subarray(0, READ_MAX_BYTES).toString('utf8');
  const lines = text.split('\n').length;
  return estimateTextTokens(text) + lines * LINE_NUMBER_TOKENS;
}

async function filesUnder(config: ResolvedConfig, taskPaths: readonly string[]): Promise<string[]> {
  const repoRoot = await realpath(config.repoRoot);
  const stateDir = await realpath(config.stateDir).catch(() => path.resolve(config.stateDir));
  const found = new Set<string>();
  for (const taskPath of taskPaths) {
    const start = await realpath(path.join(repoRoot, taskPath)).catch(() => undefined);
    if (start === undefined) continue;
    for await (const file of walkFiles({ repoRoot, start, stateDir })) {
      found.add(file);
      if (found.size >= MAX_FILES) return [...found];
    }
  }
  return [...found];
}

/** Token sizes of `read_file` results for the text files under the tasks' paths. */
export async function measureTaskFiles(
  config: ResolvedConfig,
  tasks: readonly TaskConfig[],
): Promise<number[]> {
  const files = await filesUnder(config, [...new Set(tasks.map((t) => t.path))]);
  const sizes: number[] = [];
  for (const file of files) {
    const bytes = await readFile(path.join(config.repoRoot, file)).catch(() => undefined);
    const tokens = bytes && bytes.length > 0 ? readResultTokens(bytes) : undefined;
    if (tokens !== undefined) sizes.push(tokens);
  }
  return sizes;
}

/** The dry run's turn model with tool results sized from the files under the tasks' paths. */
export async function repoTurnModel(
  config: ResolvedConfig,
  tasks: readonly TaskConfig[],
  base: DryRunTurnModel = DRY_RUN_TURN_MODEL,
): Promise<DryRunTurnModel> {
  const measured = toolResultTokens(await measureTaskFiles(config, tasks));
  return measured === undefined ? base : { ...base, toolResultTokensPerTurn: measured };
}
