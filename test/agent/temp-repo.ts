import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { FileToolExecutor } from '../../src/agent/file-tools.js';
import type { ToolContext } from '../../src/agent/types.js';
import type { ToolCall, ToolResult } from '../../src/providers/provider.js';

/**
 * A scratch directory holding a repository (`repo/`) with a sibling (`outside/`) that symlinks can point
 * at, so tests can prove that nothing escapes the repository. Removed after each test.
 */
export interface TempRepo {
  /** Parent of `root` and `outside`. */
  base: string;
  root: string;
  outside: string;
  stateDir: string;
  write(rel: string, content: string | Uint8Array): void;
}

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function makeRepo(files: Record<string, string> = {}): TempRepo {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'tm-agent-')));
  made.push(base);
  const root = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  const write = (rel: string, content: string | Uint8Array): void => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return { base, root, outside, stateDir: path.join(root, '.taskmaster'), write };
}

export function makeExecutor(repo: TempRepo, overrides: Partial<ToolContext> = {}): FileToolExecutor {
  return new FileToolExecutor({
    repoRoot: repo.root,
    taskPath: '.',
    stateDir: repo.stateDir,
    protectedPaths: [],
    judgePaths: [],
    runChecks: () => Promise.resolve('PASSED: test'),
    ...overrides,
  });
}

let nextId = 0;

/** Runs one call, as a provider would hand it over. */
export function call(executor: FileToolExecutor, name: string, input: unknown): Promise<ToolResult> {
  const toolCall: ToolCall = { id: `t${++nextId}`, name, input };
  return executor.execute(toolCall);
}
