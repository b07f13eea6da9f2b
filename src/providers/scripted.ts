/**
 * The `scripted` provider: plays model turns from a YAML or JSON file, offline and
 * deterministically — for the quickstart demo, for trying a task file's hooks without spending tokens,
 * and for the project's own tests. Like every provider it keeps no conversation state: the turn to play
 * is found from the request alone (its task, attempt and number of assistant messages so far).
 */
import { readFile } from 'node:fs/promises';
import { closest } from 'fastest-levenshtein';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { TOOL_SPECS } from '../agent/tool-specs.js';
import type { ProviderConfig } from '../config/types.js';
import { yamlDataProblem } from '../config/yaml-source.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type {
  Message,
  ModelRequest,
  ModelResponse,
  ModelTurn,
  Provider,
  ToolCall,
  Usage,
} from './provider.js';

/** One scripted model response: text, a tool call, or both. */
export interface ScriptTurn {
  /** What the model "says"; a turn with text and no tool ends the attempt. */
  text?: string | undefined;
  /** One of the agent's tool names (§7.1). */
  tool?: string | undefined;
  /** The tool's input, passed as is (so a script may also play a malformed call). */
  input?: Record<string, unknown> | undefined;
}

/** A parsed, validated script. */
export interface ProviderScript {
  /** Absolute path of the script file. */
  file: string;
  /** Per task id, per attempt (index 0 = attempt 1), the turns in order. */
  tasks: Record<string, { attempts: ScriptTurn[][] }>;
}

/** What an attempt gets once its scripted turns are used up: it finishes, and the hooks judge it. */
const SCRIPT_ENDED = 'script ended';
const TOOL_NAMES = TOOL_SPECS.map((t) => t.name);

const turnSchema = z
  .strictObject({
    text: z.string().optional(),
    tool: z.string().optional(),
    input: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((turn, ctx) => {
    if (turn.tool === undefined && turn.text === undefined) {
      const fix = 'give the turn `tool: <name>` with `input: {...}`, or `text: ...`, or both';
      ctx.addIssue({
        code: 'custom',
        message: 'a turn needs `tool` (with `input`) or `text`',
        params: { fix },
      });
    }
    if (turn.tool !== undefined && !TOOL_NAMES.includes(turn.tool)) {
      const message = `unknown tool '${turn.tool}'; did you mean '${closest(turn.tool, TOOL_NAMES)}'?`;
      const fix = `use one of the agent's tools: ${TOOL_NAMES.join(', ')}`;
      ctx.addIssue({ code: 'custom', path: ['tool'], message, params: { fix } });
    }
    if (turn.input !== undefined && turn.tool === undefined) {
      const fix = 'add `tool: <name>` beside `input`, or remove `input`';
      ctx.addIssue({
        code: 'custom',
        path: ['input'],
        message: '`input` is given without `tool`',
        params: { fix },
      });
    }
  });

const scriptSchema = z.strictObject({
  tasks: z.record(z.string(), z.strictObject({ attempts: z.array(z.array(turnSchema)) })),
});

/** Reads and validates a script; every problem is reported with its line and column. */
export async function loadScript(file: string): Promise<ProviderScript> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const message = `cannot read the script: ${(err as Error).message}`;
    throw new ConfigError([{ file, message, fix: 'check the `script` path of the scripted provider' }], {
      cause: err,
    });
  }
  return parseScript(text, file);
}

/** Parses script text (YAML, or JSON, which YAML reads too). Throws `ConfigError` listing every problem. */
export function parseScript(text: string, file: string): ProviderScript {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => syntaxProblem(file, e.message, e.linePos?.[0])));
  }
  const result = scriptSchema.safeParse(plainData(doc, file) ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => schemaProblem(file, doc, lineCounter, issue));
    throw new ConfigError(problems.sort(byPosition));
  }
  return { file, tasks: result.data.tasks };
}

function plainData(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    throw new ConfigError([yamlDataProblem(file, error)], { cause: error });
  }
}

function syntaxProblem(
  file: string,
  message: string,
  pos: { line: number; col: number } | undefined,
): ConfigProblem {
  // yaml's pretty messages repeat the position and quote the line; the problem carries both already.
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return {
    file,
    ...(pos ? { line: pos.line, column: pos.col } : {}),
    message: `invalid YAML/JSON: ${first}`,
    fix: 'fix the syntax at this place',
  };
}

function schemaProblem(
  file: string,
  doc: Document,
  lines: LineCounter,
  issue: z.core.$ZodIssue,
): ConfigProblem {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const offset = offsetOf(doc, issue.path, keys[0]);
  const pos = offset === undefined ? undefined : lines.linePos(offset);
  return {
    file,
    ...(pos ? { line: pos.line, column: pos.col } : {}),
    path: displayPath(issue.path),
    message: describeIssue(issue, keys),
    fix: fixFor(issue),
  };
}

function describeIssue(issue: z.core.$ZodIssue, keys: string[]): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`;
  }
  const last = issue.path[issue.path.length - 1];
  if (
    issue.code === 'invalid_type' &&
    issue.message.endsWith('received undefined') &&
    typeof last === 'string'
  ) {
    return `missing key '${last}' (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Start offset of the node at `path` (or of its key `key`), else of the nearest ancestor that exists. */
function offsetOf(doc: Document, path: PropertyKey[], key: string | undefined): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      const keyRange = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (keyRange) return keyRange[0];
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return undefined;
}

function displayPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function fixFor(issue: z.core.$ZodIssue): string {
  const own: unknown = issue.code === 'custom' ? issue.params?.['fix'] : undefined;
  if (typeof own === 'string') return own;
  if (issue.code === 'unrecognized_keys') {
    return 'a script has `tasks:`; a task has `attempts:`; a turn has `tool`, `input` and `text`';
  }
  return 'the shape is tasks: {<task-id>: {attempts: [[{tool, input} | {text}, ...], ...]}}';
}

/** Plays a script as if it were a model. */
export class ScriptedProvider implements Provider {
  readonly name: string;
  readonly type = 'scripted' as const;
  readonly model: string;
  private script: ProviderScript | undefined;
  private readonly file: string | undefined;

  /** Without `script` the file named by `config.script` is loaded at the first call. */
  constructor(config: ProviderConfig, script?: ProviderScript) {
    this.name = config.name;
    this.model = config.model || 'script';
    this.file = config.script;
    this.script = script;
  }

  /** Loads and validates the script now, so a broken one is reported before anything runs. */
  static async load(config: ProviderConfig): Promise<ScriptedProvider> {
    return new ScriptedProvider(config, await loadScript(requireScript(config)));
  }

  async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    signal?.throwIfAborted();
    this.script ??= await loadScript(this.file ?? requireScript({ name: this.name }));
    const turnIndex = request.messages.filter((m) => m.role === 'assistant').length;
    const scripted = this.script.tasks[request.taskId]?.attempts[request.attempt - 1]?.[turnIndex];
    return { turn: playTurn(scripted, request, turnIndex + 1) };
  }
}

function requireScript(config: Pick<ProviderConfig, 'name' | 'script'>): string {
  if (config.script) return config.script;
  throw new ConfigError([
    {
      file: 'provider_configs',
      path: `${config.name}.script`,
      message: `the scripted provider '${config.name}' has no \`script\``,
      fix: 'add `script: path/to/script.yml` (relative to the config file)',
    },
  ]);
}

function playTurn(scripted: ScriptTurn | undefined, request: ModelRequest, turnNumber: number): ModelTurn {
  const id = `call_${request.attempt}_${turnNumber}`;
  const calls: ToolCall[] = scripted
    ? scripted.tool === undefined
      ? []
      : [{ id, name: scripted.tool, input: scripted.input ?? {} }]
    : [{ id, name: 'finish', input: { summary: SCRIPT_ENDED } }];
  const text = scripted?.text ?? '';
  return {
    text,
    toolCalls: calls,
    usage: estimateUsage(request, text, calls),
    stopReason: calls.length > 0 ? 'tool_use' : 'end_turn',
  };
}

/** About four characters per token: close enough for limits and budgets in a demo or a test. */
function estimateUsage(request: ModelRequest, text: string, calls: ToolCall[]): Usage {
  const requestChars =
    request.system.length +
    JSON.stringify(request.tools).length +
    request.messages.reduce((n, m) => n + chars(m), 0);
  const outputChars = text.length + calls.reduce((n, c) => n + JSON.stringify(c.input).length, 0);
  return {
    input_tokens: Math.ceil(requestChars / 4),
    output_tokens: Math.ceil(outputChars / 4),
    cache_read_tokens: 0,
    cache_write_tokens: 0,
  };
}

function chars(message: Message): number {
  if (message.role === 'user') return message.content.length;
  if (message.role === 'tool') return message.results.reduce((n, r) => n + r.content.length, 0);
  const inputs = message.turn.toolCalls.reduce((n, c) => n + (JSON.stringify(c.input)?.length ?? 0), 0);
  return message.turn.text.length + inputs;
}
