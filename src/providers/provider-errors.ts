/**
 * SDK errors → `ProviderError` (§8.2). Decides what is retried (rate limits, overload, network) and what
 * stops the run (keys, bad requests, exhausted quota), and words each message so that the user knows
 * which setting to check. Messages never contain the API key, even when a server echoes it back.
 */
import {
  APIConnectionError as AnthropicConnectionError,
  APIConnectionTimeoutError as AnthropicTimeoutError,
  APIError as AnthropicApiError,
} from '@anthropic-ai/sdk';
import {
  APIConnectionError as OpenAIConnectionError,
  APIConnectionTimeoutError as OpenAITimeoutError,
  APIError as OpenAIApiError,
} from 'openai';
import { ProviderError } from '../errors.js';
import type { ProviderErrorKind } from '../errors.js';
import { SilentServerError } from './idle-timeout.js';
import { parseRetryAfter } from './retry-after.js';

/** Who made the failing call, for messages. */
export interface ProviderErrorContext {
  /** Key in `provider_configs`. */
  provider: string;
  /** Which API was called, as users know it. */
  api: 'Claude' | 'OpenAI';
  model: string;
  /** Environment variable the key came from, if any (`ANTHROPIC_API_KEY`). */
  apiKeyEnv?: string | undefined;
  /** The key itself: only used to scrub it from messages. */
  apiKey?: string | undefined;
  /** `base_url` as configured, when not the API's default. */
  baseUrl?: string | undefined;
  /** Milliseconds since the epoch, to turn an HTTP-date `retry-after` into a wait. */
  now: number;
}

/** What both SDKs' errors have in common. */
interface ErrorView {
  status: number | undefined;
  headers: Headers | undefined;
  /** The server's own explanation, or the SDK's message for network errors. */
  detail: string;
  /** Machine-readable hints: Anthropic `error.type` / `error_code`, OpenAI `error.code` / `error.type`. */
  codes: string[];
  connection: boolean;
  timeout: boolean;
  /** The server went silent for `idle_timeout`. */
  idle: boolean;
}

/** Anything thrown by an SDK call → a classified `ProviderError` carrying the original as `cause`. */
export function classifyProviderError(error: unknown, ctx: ProviderErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const view = viewOf(error);
  const kind = kindOf(view);
  const message = scrub(messageFor(kind, view, ctx), ctx.apiKey);
  const retryAfterMs = kind === 'quota' ? undefined : parseRetryAfter(view.headers, ctx.now);
  return new ProviderError(
    { provider: ctx.provider, kind, message, status: view.status, retryAfterMs },
    { cause: error },
  );
}

/** The call was never sent: the provider has no key and the API needs one. */
export function missingApiKeyError(ctx: ProviderErrorContext, suggestedEnv: string): ProviderError {
  const source = ctx.apiKeyEnv
    ? `The environment variable ${ctx.apiKeyEnv} is empty or unset: export it with your ${ctx.api} API key.`
    : `Set provider_configs.${ctx.provider}.api_key, e.g. \`api_key: \${${suggestedEnv}}\`, and export ${suggestedEnv}.`;
  return new ProviderError({
    provider: ctx.provider,
    kind: 'auth',
    message: `No API key for provider "${ctx.provider}" (${ctx.api}, model ${ctx.model}). ${source}`,
  });
}

function viewOf(error: unknown): ErrorView {
  const idle = causesOf(error).find((cause) => cause instanceof SilentServerError);
  const connection =
    error instanceof AnthropicConnectionError ||
    error instanceof OpenAIConnectionError ||
    idle !== undefined ||
    isBrokenBody(error);
  const timeout = error instanceof AnthropicTimeoutError || error instanceof OpenAITimeoutError || !!idle;
  const base = {
    connection,
    timeout,
    idle: idle !== undefined,
    status: undefined,
    headers: undefined,
    codes: [],
  };
  if (error instanceof AnthropicApiError && !connection) {
    const codes = [error.type, error.errorCode].filter((c): c is string => typeof c === 'string');
    return { ...base, status: error.status, headers: error.headers, detail: detailOf(error), codes };
  }
  if (error instanceof OpenAIApiError && !connection) {
    const codes = [error.code, error.type].filter((c): c is string => typeof c === 'string');
    return { ...base, status: error.status, headers: error.headers, detail: detailOf(error), codes };
  }
  return { ...base, detail: error instanceof Error ? causeChain(error) : String(error) };
}

/** The error and what caused it, outermost first, a few levels deep. */
function causesOf(error: unknown): unknown[] {
  const chain = [error];
  for (let depth = 0; depth < 5; depth++) {
    const last = chain.at(-1);
    if (!(last instanceof Error) || last.cause === undefined) break;
    chain.push(last.cause);
  }
  return chain;
}

/**
 * Node's fetch reports a connection that breaks after the headers, while the body is read, as
 * `TypeError: terminated` caused by a socket error; the SDKs pass that on unclassified. Waiting and
 * retrying helps there exactly as for a refused connection.
 */
const BROKEN_CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isBrokenBody(error: unknown): boolean {
  return causesOf(error).some(
    (cause) =>
      (cause instanceof TypeError && cause.message === 'terminated') ||
      BROKEN_CONNECTION_CODES.has(String((cause as { code?: unknown } | null)?.code)),
  );
}

/** Spend caps, exhausted credit and quota: waiting does not help, so these are never retried. */
const QUOTA_CODE = /quota|billing|spend|credit/i;
const QUOTA_MESSAGE = /usage limit|spend(ing)? limit|credit balance|billing|exceeded your current quota/i;

function kindOf(view: ErrorView): ProviderErrorKind {
  const { status } = view;
  if (view.connection) return 'connection';
  if (status === undefined) return 'invalid-response';
  if (isQuota(view)) return 'quota';
  if (status === 429) return 'rate-limit';
  if (status === 408 || status === 409 || status >= 500) return 'overloaded';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 400) return 'bad-request';
  return 'invalid-response';
}

function isQuota(view: ErrorView): boolean {
  if (view.status === 402 || view.codes.some((code) => QUOTA_CODE.test(code))) return true;
  const status = view.status ?? 0;
  return [400, 403, 429].includes(status) && QUOTA_MESSAGE.test(view.detail);
}

function messageFor(kind: ProviderErrorKind, view: ErrorView, ctx: ProviderErrorContext): string {
  const who = `provider "${ctx.provider}" (model ${ctx.model})`;
  const http = view.status === undefined ? view.detail : `HTTP ${view.status}: ${view.detail}`;
  const settings = `provider_configs.${ctx.provider}`;
  switch (kind) {
    case 'rate-limit':
      return `${ctx.api} API rate limit reached for ${who}: ${http}`;
    case 'overloaded':
      return `${ctx.api} API is overloaded or failing for ${who}: ${http}`;
    case 'connection':
      return connectionMessage(view, ctx, who);
    case 'auth':
      return authMessage(view, ctx, who, http);
    case 'quota':
      return (
        `${ctx.api} API quota or spend limit exhausted for ${who}: ${http}. This is not retried: check the ` +
        `plan, credit balance and spend limits of the account whose key ${keySource(ctx)}, then run \`taskmaster resume\`.`
      );
    case 'bad-request':
      return view.status === 404
        ? `${ctx.api} API answered 404 for ${who}: ${view.detail}. Check \`model\` in ${settings}${ctx.baseUrl ? ' and that base_url points at the right server' : ''}.`
        : `${ctx.api} API rejected the request of ${who}: ${http}. Check \`model\` and \`max_tokens\` in ${settings}.`;
    case 'invalid-response':
      return `${ctx.api} API returned something TaskMaster cannot use for ${who}: ${http}`;
  }
}

function connectionMessage(view: ErrorView, ctx: ProviderErrorContext, who: string): string {
  const where = ctx.baseUrl ? `at ${ctx.baseUrl} (base_url)` : '';
  const what = view.timeout ? 'timed out' : 'could not be reached';
  const slow = view.idle
    ? `, or raise provider_configs.${ctx.provider}.idle_timeout if the server is only slow to answer`
    : '';
  return `${ctx.api} API ${where ? `${where} ` : ''}${what} for ${who}: ${view.detail}. Check the network${where ? ' and that the server is running' : ''}${slow}.`;
}

function authMessage(view: ErrorView, ctx: ProviderErrorContext, who: string, http: string): string {
  const check =
    view.status === 403
      ? `check that the account or project of that key may use model ${ctx.model}`
      : `check that it holds a valid, active ${ctx.api} API key${ctx.baseUrl ? ` accepted by ${ctx.baseUrl}` : ''}`;
  const verb = view.status === 403 ? 'refused access' : 'rejected the API key';
  return `${ctx.api} API ${verb} for ${who}: ${http}. The key ${keySource(ctx)}: ${check}.`;
}

function keySource(ctx: ProviderErrorContext): string {
  if (ctx.apiKeyEnv) return `comes from the environment variable ${ctx.apiKeyEnv}`;
  if (ctx.apiKey) return `is written in provider_configs.${ctx.provider}.api_key`;
  return `is not configured (provider_configs.${ctx.provider}.api_key)`;
}

/** The server's explanation without the SDK's "429 {json}" wrapping, on one bounded line. */
function detailOf(error: { message: string; error?: unknown }): string {
  const body = error.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const text = [body?.error?.message, body?.message].find((m): m is string => typeof m === 'string');
  return oneLine(text ?? error.message.replace(/^\d{3}\s+/, ''));
}

/**
 * The deepest cause says what actually happened: the SDK's "Connection error." wraps fetch's "fetch
 * failed", which wraps "connect ECONNREFUSED 127.0.0.1:8080".
 */
function causeChain(error: Error): string {
  let deepest = error;
  for (let depth = 0; depth < 5 && deepest.cause instanceof Error; depth++) deepest = deepest.cause;
  return oneLine(deepest.message || error.message);
}

/** One line, bounded, without a final period (the message adds its own punctuation). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

function scrub(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 6 ? text.split(apiKey).join('***') : text;
}
