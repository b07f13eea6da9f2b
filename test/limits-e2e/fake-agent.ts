/**
 * A model for the fake server that acts like an agent working on several tasks: it recognises the task
 * by a marker in the prompt (`[[task-id]]` in the task's description), counts the turns of the
 * conversation so far, and plays that task's planned turns; past the plan it calls `finish`. Every reply
 * reports realistic usage (see `token-meter.ts`).
 */
import type { FakeApi, FakeOutcome, FakeReply } from '../support/fake-model-server.js';
import { replyTokens, requestTokens } from './token-meter.js';

/** Planned turns per task id. */
export type AgentPlan = Record<string, FakeReply[]>;

/** One request as the agent saw it: which task, which turn, and the tokens billed. */
export interface AgentCall {
  taskId: string;
  /** 0-based turn within the attempt. */
  turn: number;
  input: number;
  output: number;
}

export function finishReply(summary = 'Done.'): FakeReply {
  return { text: 'The task is done.', toolCalls: [{ name: 'finish', input: { summary } }] };
}

export function writeReply(path: string, content: string): FakeReply {
  return { toolCalls: [{ name: 'write_file', input: { path, content } }] };
}

export function readReply(path: string): FakeReply {
  return { toolCalls: [{ name: 'read_file', input: { path } }] };
}

/** `n` turns that each write a small file, for tasks whose only point is the number of calls. */
export function writeTurns(taskId: string, n: number): FakeReply[] {
  return Array.from({ length: n }, (_, i) => writeReply(`out/${taskId}-${i + 1}.txt`, `turn ${i + 1}\n`));
}

function taskOf(body: unknown, plan: AgentPlan): string {
  const text = JSON.stringify(body);
  return Object.keys(plan).find((id) => text.includes(`[[${id}]]`)) ?? '';
}

function turnOf(body: unknown): number {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return 0;
  return messages.filter((m) => (m as { role?: unknown } | null)?.role === 'assistant').length;
}

export interface FakeAgent {
  /** Every call answered with a reply, in order. */
  readonly calls: AgentCall[];
  /** Calls refused (answered with `refuse`'s outcome), in order. */
  readonly refused: AgentCall[];
}

/** How the server around the agent behaves besides replying. */
export interface ServerBehaviour {
  /** An outcome to send instead of the reply (a 429, say), or `undefined` to reply. */
  refuse?: (call: AgentCall) => FakeOutcome | undefined;
  /** Extra headers on a reply, e.g. the server's rate-limit headers. */
  headers?: (call: AgentCall) => Record<string, string> | undefined;
}

/** Makes `api` answer as the agent of `plan`; returns the log of its calls. */
export function playAgent(api: FakeApi, plan: AgentPlan, server: ServerBehaviour = {}): FakeAgent {
  const agent: FakeAgent = { calls: [], refused: [] };
  api.handle((request) => {
    const taskId = taskOf(request.body, plan);
    const turn = turnOf(request.body);
    const reply = plan[taskId]?.[turn] ?? finishReply();
    const input = requestTokens(api.api, request.body);
    const call: AgentCall = { taskId, turn, input, output: replyTokens(reply) };
    const refusal = server.refuse?.(call);
    if (refusal) {
      agent.refused.push(call);
      return refusal;
    }
    agent.calls.push(call);
    const headers = server.headers?.(call);
    const usage = { input: call.input, output: call.output };
    return { reply: { ...reply, usage, ...(headers ? { headers } : {}) } };
  });
  return agent;
}

/** Tokens billed over all calls (input + output). */
export function billedTokens(calls: readonly AgentCall[]): number {
  return calls.reduce((sum, c) => sum + c.input + c.output, 0);
}
