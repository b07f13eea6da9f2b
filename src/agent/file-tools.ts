import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ToolCall, ToolResult } from '../providers/provider.js';
import { editTool } from './edit-tool.js';
import { listTool, type WalkRoots } from './list-tool.js';
import { guardPath, type PathAccess, type PathGuardContext } from './path-guard.js';
import { readTool, type TargetFile } from './read-tool.js';
import { searchTool } from './search-tool.js';
import { isToolName, parseToolInput, TOOL_SIGNATURES, type ToolInputs } from './tool-inputs.js';
import { fail, messageOf, ok, type ToolOutput } from './tool-output.js';
import type { ToolName } from './tool-specs.js';
import type { ToolContext, ToolExecutor } from './types.js';
import { writeTool } from './write-tool.js';

/**
 * Runs the agent's tool calls against the repository (docs/security.md, "What the model can touch"). Every call is validated and every path
 * goes through the path guard; whatever goes wrong comes back as an error result for the model to read,
 * so a bad call costs a turn, never the attempt.
 */
export class FileToolExecutor implements ToolExecutor {
  private readonly written = new Set<string>();
  private roots: WalkRoots | undefined;

  constructor(private readonly ctx: ToolContext) {}

  /** Repo-relative paths of the files written or edited so far, sorted, for agent.log. */
  get changedFiles(): string[] {
    return [...this.written].sort();
  }

  async execute(call: ToolCall): Promise<ToolResult> {
    let output: ToolOutput;
    try {
      output = await this.dispatch(call);
    } catch (err) {
      output = fail(`${call.name} failed: ${messageOf(err)}`);
    }
    return { callId: call.id, name: call.name, ...output };
  }

  private async dispatch(call: ToolCall): Promise<ToolOutput> {
    if (!isToolName(call.name)) {
      return fail(`unknown tool '${call.name}'. The tools are: ${Object.values(TOOL_SIGNATURES).join(', ')}`);
    }
    if (call.inputError !== undefined) {
      return fail(
        `the input of ${call.name} could not be parsed (${call.inputError}). Expected ${TOOL_SIGNATURES[call.name]}`,
      );
    }
    return this.run(call.name, call.input);
  }

  private async run(name: ToolName, input: unknown): Promise<ToolOutput> {
    switch (name) {
      case 'read_file':
        return this.withInput(name, input, (i) => this.onPath(i.path, 'read', (f) => readTool(f, i)));
      case 'write_file':
        return this.withInput(name, input, (i) =>
          this.onPath(i.path, 'write', (f) => this.write(f, i.content)),
        );
      case 'edit_file':
        return this.withInput(name, input, (i) => this.onPath(i.path, 'write', (f) => this.edit(f, i)));
      case 'list_files':
        return this.withInput(name, input, (i) => this.onDir(i.path, (r, d) => listTool(r, d, i.pattern)));
      case 'search_files':
        return this.withInput(name, input, (i) =>
          this.onDir(i.path, (r, d) => searchTool(r, d, i.pattern, this.ctx.searchDeadlineMs)),
        );
      case 'run_checks':
        return this.withInput(name, input, async () => ok(await this.ctx.runChecks()));
      case 'finish':
        return this.withInput(name, input, () => Promise.resolve(ok('ok')));
    }
  }

  private async withInput<K extends ToolName>(
    name: K,
    input: unknown,
    act: (value: ToolInputs[K]) => Promise<ToolOutput>,
  ): Promise<ToolOutput> {
    const parsed = parseToolInput(name, input);
    return parsed.ok ? act(parsed.value) : fail(parsed.error);
  }

  private async onPath(
    input: string,
    access: PathAccess,
    act: (file: TargetFile) => Promise<ToolOutput>,
  ): Promise<ToolOutput> {
    const guarded = await guardPath(this.guardContext(), input, access);
    return guarded.ok ? act(guarded) : fail(guarded.error);
  }

  /** For list and search: the directory (default: the task's path) and the walk roots. */
  private async onDir(
    input: string | undefined,
    act: (roots: WalkRoots, dir: TargetFile) => Promise<ToolOutput>,
  ): Promise<ToolOutput> {
    const roots = await this.walkRoots();
    return this.onPath(input ?? this.ctx.taskPath, 'read', (dir) => act(roots, dir));
  }

  private async write(file: TargetFile, content: string): Promise<ToolOutput> {
    return this.recorded(file, await writeTool(file, content));
  }

  private async edit(file: TargetFile, input: ToolInputs['edit_file']): Promise<ToolOutput> {
    return this.recorded(file, await editTool(file, input));
  }

  private recorded(file: TargetFile, output: ToolOutput): ToolOutput {
    if (!output.isError) this.written.add(file.relative);
    return output;
  }

  private guardContext(): PathGuardContext {
    const { repoRoot, stateDir, protectedPaths, judgePaths } = this.ctx;
    return { repoRoot, stateDir, protectedPaths, judgePaths };
  }

  private async walkRoots(): Promise<WalkRoots> {
    this.roots ??= {
      repoRoot: await realpath(this.ctx.repoRoot),
      stateDir: await realpath(this.ctx.stateDir).catch(() => path.resolve(this.ctx.stateDir)),
    };
    return this.roots;
  }
}
