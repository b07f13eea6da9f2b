import type { ModelTurn, ToolCall, ToolResult } from '../providers/provider.js';

/**
 * The readable record of an attempt for `agent.log`, and the one-line summaries shown as progress. Long
 * inputs (a whole file's content) and results are abbreviated: the log is for a person skimming what the
 * agent did, and the files themselves are in the working tree.
 */

const MAX_STRING_CHARS = 120;
const RESULT_HEAD_LINES = 8;
const RESULT_HEAD_CHARS = 800;

/** The heading and text of one model response. */
export function formatTurn(turnNumber: number, turn: ModelTurn): string {
  const u = turn.usage;
  const stop = turn.stopReason ? `, stop: ${turn.stopReason}` : '';
  const head = `--- turn ${turnNumber} (tokens in ${u.input_tokens}, out ${u.output_tokens}${stop}) ---`;
  const text = turn.text.trim();
  return text === '' ? head : `${head}\n${text}`;
}

/** One tool call with its input abbreviated, and the head of its result. */
export function formatToolCall(call: ToolCall, result: ToolResult): string {
  const input =
    call.inputError !== undefined ? `<unparseable input: ${call.inputError}>` : abbreviate(call.input);
  const status = result.isError ? 'error' : 'ok';
  return `> ${call.name} ${input}\n< ${status}: ${indent(head(result.content))}`;
}

/** `write_file src/app.ts`, `search_files /TODO/`: what the progress line shows for a call. */
export function summariseCall(call: ToolCall, result: ToolResult): string {
  const input = isRecord(call.input) ? call.input : {};
  const subject =
    stringField(input, 'path') ?? stringField(input, 'pattern') ?? stringField(input, 'summary');
  const base = subject === undefined ? call.name : `${call.name} ${cut(subject, 60)}`;
  return result.isError ? `${base}: ${cut(result.content.split('\n')[0] ?? '', 100)}` : base;
}

function abbreviate(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cut(v, MAX_STRING_CHARS) : v)) ??
    '{}'
  );
}

function head(content: string): string {
  const lines = content.split('\n');
  let shown = lines.slice(0, RESULT_HEAD_LINES).join('\n');
  if (shown.length > RESULT_HEAD_CHARS) shown = shown.slice(0, RESULT_HEAD_CHARS);
  const cutChars = content.length - shown.length;
  return cutChars > 0 ? `${shown}\n[... ${lines.length} lines, ${content.length} characters in all]` : shown;
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(${s.length} chars)`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringField(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}
