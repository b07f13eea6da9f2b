import type { EventSink } from '../engine/events.js';
import type { CallGuard } from '../limits/call-guard.js';
import {
  addUsage,
  ZERO_USAGE,
  type Message,
  type ModelRequest,
  type ModelTurn,
  type Provider,
  type ToolResult,
  type ToolSpec,
  type Usage,
} from '../providers/provider.js';
import { formatToolCall, formatTurn, summariseCall } from './transcript.js';
import type { ToolExecutor } from './types.js';

/** Everything one attempt of the agent needs; collaborators are passed in so tests can fake each. */
export interface AgentAttemptOptions {
  provider: Provider;
  /** Rate limits and budgets, asked before every model call. */
  guard: CallGuard;
  executor: ToolExecutor;
  tools: ToolSpec[];
  system: string;
  /** The attempt's first user message: the task prompt, or the retry prompt. */
  prompt: string;
  /** `max_turns_per_attempt`. */
  maxTurns: number;
  /** Maximum output tokens per model response. */
  maxTokens: number;
  taskId: string;
  /** 1-based. */
  attempt: number;
  /** Tokens the request will be billed for (input and expected output), checked against limits. */
  estimateTokens: (req: ModelRequest) => number;
  /** Records a response's actual usage (state, budgets); awaited so it is saved before the next step. */
  onUsage: (usage: Usage) => Promise<void>;
  onEvent: EventSink;
  /**
   * Receives the readable transcript for agent.log: each model response and each tool call with its result.
   * The caller writes the attempt's heading and ending lines.
   */
  log: (line: string) => void;
  signal?: AbortSignal;
}

export type AttemptEnd = 'finish' | 'no-tool-call' | 'max-turns';

export interface AgentAttemptResult {
  /** Why the agent stopped: it called `finish`, answered without a tool call, or ran out of turns. */
  ended: AttemptEnd;
  /** The `finish` summary, else the model's last non-empty text. */
  summary: string;
  /** Model responses received. */
  turns: number;
  /** Sum of the usage of every response. */
  usage: Usage;
  /** Repo-relative files written during the attempt. */
  changedFiles: string[];
}

/** The outcome of executing one turn's tool calls. */
type TurnOutcome = { finished: true; summary: string } | { finished: false; results: ToolResult[] };

/**
 * One attempt of the agent (docs/security.md, "What the model can touch"): ask the model, run its tool calls, feed the results back, until
 * it calls `finish`, answers without a tool call, or reaches `maxTurns`. The post-hooks judge the result
 * afterwards; nothing here decides success. `ProviderError` and `RunPaused` from the provider or the guard
 * propagate unchanged.
 */
export async function runAgentAttempt(opts: AgentAttemptOptions): Promise<AgentAttemptResult> {
  const messages: Message[] = [{ role: 'user', content: opts.prompt }];
  let usage: Usage = ZERO_USAGE;
  let lastText = '';
  for (let turnNumber = 1; turnNumber <= opts.maxTurns; turnNumber++) {
    const turn = await callModel(opts, messages, turnNumber);
    usage = addUsage(usage, turn.usage);
    if (turn.text.trim() !== '') lastText = turn.text.trim();
    messages.push({ role: 'assistant', turn });
    if (turn.toolCalls.length === 0) return finishWith(opts, 'no-tool-call', lastText, turnNumber, usage);
    const outcome = await runToolCalls(opts, turn);
    if (outcome.finished) return finishWith(opts, 'finish', outcome.summary, turnNumber, usage);
    messages.push({ role: 'tool', results: outcome.results });
  }
  return finishWith(opts, 'max-turns', lastText, opts.maxTurns, usage);
}

async function callModel(
  opts: AgentAttemptOptions,
  messages: Message[],
  turnNumber: number,
): Promise<ModelTurn> {
  opts.signal?.throwIfAborted();
  const request: ModelRequest = {
    system: opts.system,
    messages: [...messages],
    tools: opts.tools,
    maxTokens: opts.maxTokens,
    taskId: opts.taskId,
    attempt: opts.attempt,
  };
  const estimate = {
    provider: opts.provider.name,
    taskId: opts.taskId,
    tokens: opts.estimateTokens(request),
  };
  await opts.guard.beforeCall(estimate, opts.signal);
  opts.onEvent({ type: 'model-call', taskId: opts.taskId, provider: opts.provider.name, turn: turnNumber });
  const response = await opts.provider.complete(request, opts.signal);
  const { turn } = response;
  opts.guard.afterCall(estimate, turn.usage, response.serverLimits);
  await opts.onUsage(turn.usage);
  opts.onEvent({
    type: 'model-response',
    taskId: opts.taskId,
    provider: opts.provider.name,
    usage: turn.usage,
    text: turn.text,
  });
  opts.log(formatTurn(turnNumber, turn));
  return turn;
}

/** Executes the calls in order; a valid `finish` ends the attempt once the calls before it have run. */
async function runToolCalls(opts: AgentAttemptOptions, turn: ModelTurn): Promise<TurnOutcome> {
  const results: ToolResult[] = [];
  for (const call of turn.toolCalls) {
    opts.signal?.throwIfAborted();
    const result = await opts.executor.execute(call);
    results.push(result);
    opts.log(formatToolCall(call, result));
    opts.onEvent({
      type: 'tool-call',
      taskId: opts.taskId,
      tool: call.name,
      summary: summariseCall(call, result),
      isError: result.isError,
    });
    if (call.name === 'finish' && !result.isError)
      return { finished: true, summary: finishSummary(call.input) };
  }
  return { finished: false, results };
}

function finishSummary(input: unknown): string {
  const summary = (input as { summary?: unknown } | undefined)?.summary;
  return typeof summary === 'string' ? summary.trim() : '';
}

function finishWith(
  opts: AgentAttemptOptions,
  ended: AttemptEnd,
  summary: string,
  turns: number,
  usage: Usage,
): AgentAttemptResult {
  return { ended, summary, turns, usage, changedFiles: opts.executor.changedFiles ?? [] };
}
