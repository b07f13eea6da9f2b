/**
 * `--dry-run` (§11): what a run would spend and where it would stop, without calling a model. Each task
 * is estimated as one attempt of several turns, then the turns are played in order against the
 * configured rate limits and budgets, starting from the usage already in `state.json`.
 *
 * The turn model: turn 1 sends the system prompt, the tool schemas and the task prompt; each turn the
 * model answers with a tool call and gets a tool result back, and the next turn re-sends the whole
 * conversation. So turn k sends `prompt + (k − 1) × (output + tool result)` tokens, and input grows with
 * the square of the turn count. Prompt caching would lower the cost of the re-sent prefix; it is not
 * assumed, so costs are an upper estimate for Claude. The doors size the tool result from the repository
 * (`repo-turn-model.ts`); `DRY_RUN_TURN_MODEL` is the fallback when there is nothing to measure.
 */
import type { ProviderType, ResolvedConfig, TaskConfig } from '../config/types.js';
import { totalTokens, type ToolSpec } from '../providers/provider.js';
import type { RenderedPrompt } from '../prompts/types.js';
import { isTaskDone, type RunState, type WindowUsage } from '../state/run-state.js';
import { checkBudgetTotals, formatBudgetKey, taskTokens } from './budget.js';
import { estimateCost } from './prices.js';
import { limitLabel } from './rate-limit-message.js';
import { checkLimits, recordCall } from './rate-limiter.js';
import { formatCount, formatDuration, formatUtc } from './time-format.js';
import { CLAUDE_TOKEN_MARGIN, TOOL_OVERHEAD_TOKENS, estimateInputTokens } from './token-estimate.js';
import { rollWindows } from './windows.js';

export { formatDryRun } from './dry-run-format.js';

/** The assumed shape of one attempt (see the file comment). */
export interface DryRunTurnModel {
  /** Model turns per attempt (capped by `max_turns_per_attempt`). */
  turnsPerAttempt: number;
  /** Output tokens of a turn: mostly one tool call (an edit, a read, a check). */
  outputTokensPerTurn: number;
  /** Tool result tokens fed back per turn: file excerpts, search hits, check output tails (see `repoTurnModel`). */
  toolResultTokensPerTurn: number;
  /** Wall-clock time of a turn (model latency plus tool work), for when windows roll over. */
  secondsPerTurn: number;
}

/** Numbers from typical small coding tasks: a few reads, an edit or two, a check, a finish. */
export const DRY_RUN_TURN_MODEL: DryRunTurnModel = {
  turnsPerAttempt: 8,
  outputTokensPerTurn: 400,
  toolResultTokensPerTurn: 800,
  secondsPerTurn: 15,
};

/** The seven agent tools' schemas, when the caller does not pass them (o200k tokens, before margin). */
export const ASSUMED_TOOL_SCHEMA_TOKENS = 900;

export interface DryRunInput {
  /** Providers, limits, budgets and `max_turns_per_attempt`. */
  config: ResolvedConfig;
  /** Tasks in run order, each with its rendered first-attempt prompt. */
  tasks: ReadonlyArray<{ task: TaskConfig; prompt: RenderedPrompt }>;
  /** Usage already recorded (rate-limit windows, budgets) and tasks already done. */
  state: RunState;
  /** When the simulated run starts. */
  now: Date;
  /** The agent's tool specs; `ASSUMED_TOOL_SCHEMA_TOKENS` stands in when absent. */
  tools?: ToolSpec[];
  /** `--ignore-config-limits`: predict no rate-limit pause (budgets still apply). */
  ignoreRateLimits?: boolean;
  /** In-process wait allowed, in seconds; defaults to `rate_limit_max_wait`. */
  maxWaitSeconds?: number;
  /** Overrides `DRY_RUN_TURN_MODEL`. */
  turnModel?: DryRunTurnModel;
}

export interface DryRunTaskEstimate {
  /** Task id. */
  id: string;
  title: string;
  /** Key in `provider_configs`. */
  provider: string;
  /** The provider's model id. */
  model: string;
  /** Completed or skipped in `state.json`: shown, but neither counted nor simulated. */
  done: boolean;
  /** Model turns assumed for the attempt. */
  turns: number;
  /** Input tokens over all turns (each re-sends the conversation). */
  inputTokens: number;
  /** Output tokens over all turns. */
  outputTokens: number;
  /** `inputTokens + outputTokens`. */
  totalTokens: number;
  /** USD for one attempt, when the model's price is known (0 for the scripted provider). */
  cost?: number;
}

export interface DryRunTotal {
  /** Sums over the tasks still to run. */
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Sum over the tasks whose price is known. */
  cost?: number;
}

export interface DryRunPlan {
  /** Every task given, in order, done ones included (marked). */
  perTask: DryRunTaskEstimate[];
  /** Sum over the tasks still to run. */
  total: DryRunTotal;
  /** Models with no known price (add `pricing:` to their provider to include them). */
  unpricedModels: string[];
  /** Where a rate limit or budget would pause the run, in run order. Empty: no pause expected. */
  pauses: string[];
  /** Short in-process waits the run would make (at most `rate_limit_max_wait` each). */
  waits: { count: number; seconds: number };
  /** The assumptions behind the numbers. */
  turnModel: DryRunTurnModel;
  /** The largest `max_attempts` among the tasks: how many times an attempt's cost could repeat. */
  maxAttempts: number;
}

interface TaskShape {
  estimate: DryRunTaskEstimate;
  /** Billed tokens of each turn (input + output), in order. */
  turnTokens: number[];
}

function scaled(type: ProviderType, rawTokens: number): number {
  return Math.ceil(type === 'claude' ? rawTokens * CLAUDE_TOKEN_MARGIN : rawTokens);
}

function promptTokens(type: ProviderType, prompt: RenderedPrompt, tools: ToolSpec[] | undefined): number {
  const messages = [{ role: 'user' as const, content: prompt.user }];
  const counted = estimateInputTokens({ system: prompt.system, messages, tools: tools ?? [] }, type);
  return tools === undefined
    ? counted + scaled(type, ASSUMED_TOOL_SCHEMA_TOKENS + TOOL_OVERHEAD_TOKENS[type])
    : counted;
}

function shapeTask(
  input: DryRunInput,
  task: TaskConfig,
  prompt: RenderedPrompt,
  model: DryRunTurnModel,
): TaskShape {
  const provider = input.config.providers[task.provider];
  const type: ProviderType = provider?.type ?? 'claude';
  const turns = Math.max(1, Math.min(model.turnsPerAttempt, input.config.max_turns_per_attempt));
  const output = Math.min(model.outputTokensPerTurn, provider?.max_tokens ?? model.outputTokensPerTurn);
  const base = promptTokens(type, prompt, input.tools);
  const growth = output + model.toolResultTokensPerTurn;
  const inputs = Array.from({ length: turns }, (_, k) => base + k * growth);
  const inputTokens = inputs.reduce((a, b) => a + b, 0);
  const outputTokens = turns * output;
  const usage = {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
  };
  const cost = type === 'scripted' ? 0 : estimateCost(provider?.model ?? '', usage, provider?.pricing);
  const done = isTaskDone(input.state, task.id);
  const estimate: DryRunTaskEstimate = {
    id: task.id,
    title: task.title,
    provider: task.provider,
    model: provider?.model ?? '',
    done,
    turns,
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cost === undefined ? {} : { cost }),
  };
  return { estimate, turnTokens: inputs.map((i) => i + output) };
}

/** The run played forward in simulated time. */
interface Simulation {
  input: DryRunInput;
  model: DryRunTurnModel;
  maxWaitSeconds: number;
  at: number;
  usage: Record<string, WindowUsage>;
  runUsed: number;
  pauses: string[];
  waits: { count: number; seconds: number };
  stopped: boolean;
}

/** Plays one call against the rate limits; false when it can never fit (the rest of the task is moot). */
function passRateLimits(sim: Simulation, provider: string, tokens: number, where: string): boolean {
  const limits = sim.input.config.providers[provider]?.rate_limits ?? {};
  for (let round = 0; round < 10; round++) {
    const decision = checkLimits(limits, sim.usage[provider], tokens, new Date(sim.at));
    if (decision.kind === 'ok') return true;
    const never = decision.exceeded.find((e) => e.neverFits);
    if (never !== undefined) {
      const key = `provider_configs.${provider}.rate_limits.max_${never.metric}_${never.window}`;
      sim.pauses.push(
        `${where}: one call needs ~${formatCount(never.needed)} tokens, more than ${key} (${formatCount(never.limit)}); it can never fit`,
      );
      return false;
    }
    const waitMs = decision.until.getTime() - sim.at;
    if (sim.maxWaitSeconds > 0 && waitMs <= sim.maxWaitSeconds * 1000) {
      sim.waits.count += 1;
      sim.waits.seconds += waitMs / 1000;
    } else {
      const what = decision.exceeded.map(
        (e) => `${limitLabel(e.metric, e.window)} ${formatCount(e.used)}/${formatCount(e.limit)}`,
      );
      const inTime = formatDuration(decision.until.getTime() - sim.input.now.getTime());
      sim.pauses.push(
        `${where}: rate limit of ${provider} (${what.join(', ')}); paused until ${formatUtc(decision.until)} (in ${inTime})`,
      );
    }
    sim.at = decision.until.getTime();
  }
  return true;
}

function simulateTask(sim: Simulation, shape: TaskShape): void {
  const { id, provider } = shape.estimate;
  let taskUsed = taskTokens(sim.input.state, id);
  for (const [index, tokens] of shape.turnTokens.entries()) {
    const where = `task ${id}, turn ${index + 1}`;
    const budget = checkBudgetTotals(
      sim.input.config.budget,
      id,
      { task: taskUsed, run: sim.runUsed },
      tokens,
    );
    if (budget !== undefined) {
      sim.pauses.push(
        `${where}: ${formatBudgetKey(budget)} would be reached (${formatCount(budget.used)}/${formatCount(budget.limit)} tokens used)`,
      );
      sim.stopped = budget.key === 'max_tokens_per_run';
      return;
    }
    if (!sim.input.ignoreRateLimits && !passRateLimits(sim, provider, tokens, where)) return;
    sim.usage[provider] = recordCall(rollWindows(sim.usage[provider], new Date(sim.at)), tokens);
    taskUsed += tokens;
    sim.runUsed += tokens;
    sim.at += sim.model.secondsPerTurn * 1000;
  }
}

function sumTotal(tasks: readonly DryRunTaskEstimate[]): DryRunTotal {
  const pending = tasks.filter((t) => !t.done);
  const sum = (pick: (t: DryRunTaskEstimate) => number): number => pending.reduce((a, t) => a + pick(t), 0);
  const priced = pending.filter((t) => t.cost !== undefined);
  const total: DryRunTotal = {
    inputTokens: sum((t) => t.inputTokens),
    outputTokens: sum((t) => t.outputTokens),
    totalTokens: sum((t) => t.totalTokens),
  };
  return priced.length === 0 ? total : { ...total, cost: priced.reduce((a, t) => a + (t.cost ?? 0), 0) };
}

/** Estimates every task and predicts the pauses of a run started at `now` from the state's usage. */
export function planDryRun(input: DryRunInput): DryRunPlan {
  const model = input.turnModel ?? DRY_RUN_TURN_MODEL;
  const shapes = input.tasks.map(({ task, prompt }) => shapeTask(input, task, prompt, model));
  const sim: Simulation = {
    input,
    model,
    maxWaitSeconds: input.maxWaitSeconds ?? input.config.rate_limit_max_wait,
    at: input.now.getTime(),
    usage: { ...input.state.rate_limit_usage },
    runUsed: totalTokens(input.state.token_usage.total),
    pauses: [],
    waits: { count: 0, seconds: 0 },
    stopped: false,
  };
  for (const shape of shapes) {
    if (sim.stopped) break;
    if (!shape.estimate.done) simulateTask(sim, shape);
  }
  const perTask = shapes.map((s) => s.estimate);
  const unpriced = perTask.filter((t) => !t.done && t.cost === undefined).map((t) => t.model);
  return {
    perTask,
    total: sumTotal(perTask),
    unpricedModels: [...new Set(unpriced)],
    pauses: sim.pauses,
    waits: { count: sim.waits.count, seconds: Math.round(sim.waits.seconds) },
    turnModel: model,
    maxAttempts: Math.max(0, ...input.tasks.map((t) => t.task.max_attempts)),
  };
}
