/**
 * A loopback stand-in for the Anthropic Messages API and the OpenAI Chat Completions API, for tests that
 * drive the real SDKs (and the whole CLI) without a network.
 *
 *     const server = await startFakeModelServer();
 *     server.anthropic
 *       .reply({ toolCalls: [{ name: 'write_file', input: { path: 'a.txt', content: 'hi' } }] })
 *       .fail(429, { headers: { 'retry-after': '2' } })
 *       .reply({ text: 'done' });
 *     server.openai.quotaExceeded();
 *     // provider config: base_url = server.baseUrl (the OpenAI provider adds /v1 to a bare origin)
 *     ...
 *     expect(server.anthropic.requests[0]?.body).toMatchObject({ model: 'claude-test' });
 *     await server.close();
 *
 * Each API serves its own queue of outcomes in order. When the queue is empty it asks the handler set
 * with `handle()` (for replies that depend on the request), and without one it answers with the agent's
 * `finish` tool call (`DEFAULT_REPLY`), so a run always ends. Every request is recorded, per API and in
 * `server.requests`, with its arrival time, headers and parsed JSON body.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REPLY, errorBody, quotaBody, replyBody, streamEvents } from './fake-model-dialects.js';
import type { FakeApiName, FakeReply } from './fake-model-dialects.js';

export type { FakeApiName, FakeReply, FakeToolCall, FakeUsage } from './fake-model-dialects.js';

/** A request as the fake server received it. */
export interface RecordedRequest {
  /** Which API the path belongs to; `other` for paths neither API has (answered 404). */
  api: FakeApiName | 'other';
  method: string;
  path: string;
  /** `Date.now()` when the request arrived. */
  time: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (the raw text when it was not JSON). */
  body: unknown;
}

/** An error response: the API's error JSON (or `body` verbatim) with the given status. */
export interface FakeFailure {
  headers?: Record<string, string>;
  /** Replaces the API-shaped error body entirely. */
  body?: unknown;
  /** The error message inside the API-shaped body. */
  message?: string;
  /** Anthropic `error.type` / OpenAI `error.code` inside the API-shaped body. */
  code?: string;
}

/** What to answer one request with. */
export type FakeOutcome =
  | { reply: FakeReply }
  | ({ status: number } & FakeFailure)
  /** Destroys the connection without answering: the SDK sees a connection error. */
  | { drop: true }
  /** Sends `raw` as the body exactly, with only the headers given. */
  | { raw: string; status?: number; headers?: Record<string, string> }
  /**
   * Sends the headers and the first half of a reply's body, then destroys the connection (`reset`) or
   * sends nothing more while keeping it open (`stall`).
   */
  | { partial: 'reset' | 'stall'; reply?: FakeReply }
  /** Accepts the request and never answers (until the server closes). */
  | { hang: true }
  /** Sends a reply one piece (one event when streaming) at a time, `gapMs` apart. */
  | { trickle: FakeReply; gapMs: number };

/** Decides the outcome of a request when the queue is empty. `index` counts this API's requests from 0. */
export type FakeHandler = (request: RecordedRequest, index: number) => FakeOutcome | Promise<FakeOutcome>;

/** One API of the fake server: its queue of scripted outcomes and the requests it received. */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeOutcome[] = [];
  private handler: FakeHandler | undefined;
  private replies = 0;

  constructor(readonly api: FakeApiName) {}

  /** Queues a successful answer (text and/or tool calls). */
  reply(reply: FakeReply = {}): this {
    return this.enqueue({ reply });
  }

  /** Queues an error response with the API's error JSON. */
  fail(status: number, failure: FakeFailure = {}): this {
    return this.enqueue({ status, ...failure });
  }

  /** Queues a 429; with `retryAfterSeconds`, a `retry-after` header. */
  rateLimit(retryAfterSeconds?: number, headers: Record<string, string> = {}): this {
    const retry = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    return this.fail(429, { headers: { ...retry, ...headers }, message: 'Rate limit exceeded.' });
  }

  /** Queues the 429 of an exhausted account: Anthropic's spend limit, OpenAI's `insufficient_quota`. */
  quotaExceeded(): this {
    return this.enqueue({ status: 429, body: quotaBody(this.api) });
  }

  /** Queues a tool call whose input is not valid JSON (OpenAI) or not an object (Anthropic). */
  malformedToolCall(name: string, rawArguments = '{"path": "a.txt", '): this {
    return this.reply({ toolCalls: [{ name, rawArguments }] });
  }

  /** Queues a dropped connection. */
  drop(): this {
    return this.enqueue({ drop: true });
  }

  /** Queues a reply cut off mid-body by a connection reset. */
  resetMidBody(reply?: FakeReply): this {
    return this.enqueue(reply ? { partial: 'reset', reply } : { partial: 'reset' });
  }

  /** Queues a reply that stops mid-body and then sends nothing, the connection left open. */
  stallMidBody(reply?: FakeReply): this {
    return this.enqueue(reply ? { partial: 'stall', reply } : { partial: 'stall' });
  }

  /** Queues a request that is accepted and never answered. */
  hang(): this {
    return this.enqueue({ hang: true });
  }

  /** Queues any outcome. */
  enqueue(outcome: FakeOutcome): this {
    this.queue.push(outcome);
    return this;
  }

  /** Answers requests the queue does not cover; `undefined` goes back to `DEFAULT_REPLY`. */
  handle(handler: FakeHandler | undefined): this {
    this.handler = handler;
    return this;
  }

  /** Outcomes queued but not yet served. */
  get pending(): number {
    return this.queue.length;
  }

  /** @internal Called by the server for each request of this API. */
  async outcomeFor(request: RecordedRequest): Promise<FakeOutcome> {
    const index = this.requests.length;
    this.requests.push(request);
    const queued = this.queue.shift();
    if (queued) return queued;
    return this.handler ? this.handler(request, index) : { reply: DEFAULT_REPLY };
  }

  /** @internal The next reply number, for unique ids. */
  nextReplyNumber(): number {
    return ++this.replies;
  }
}

export interface FakeModelServer {
  /** `http://127.0.0.1:<port>`: a `base_url` for either provider. */
  readonly baseUrl: string;
  readonly anthropic: FakeApi;
  readonly openai: FakeApi;
  /** Every request in arrival order, both APIs and unknown paths. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeApiName> = {
  'POST /v1/messages': 'anthropic',
  'POST /v1/chat/completions': 'openai',
};

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const apis = { anthropic: new FakeApi('anthropic'), openai: new FakeApi('openai') };
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void serve(req, res, apis, requests).catch((error: unknown) => {
      sendJson(res, 500, { error: { message: `fake model server failed: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ...apis,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  apis: Record<FakeApiName, FakeApi>,
  all: RecordedRequest[],
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const api = ROUTES[`${req.method ?? ''} ${path}`];
  const request = await record(req, path, api ?? 'other');
  all.push(request);
  if (!api) {
    sendJson(res, 404, errorBody('openai', 404, `fake model server: no route for ${req.method} ${path}`));
    return;
  }
  const outcome = await apis[api].outcomeFor(request);
  send(res, apis[api], outcome, request);
}

async function record(
  req: IncomingMessage,
  path: string,
  api: RecordedRequest['api'],
): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text so that a test can say what was wrong with it.
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { api, method: req.method ?? '', path, time: Date.now(), headers, body };
}

function send(res: ServerResponse, api: FakeApi, outcome: FakeOutcome, request: RecordedRequest): void {
  if ('drop' in outcome) {
    res.socket?.destroy();
  } else if ('hang' in outcome) {
    // Nothing: the request stays open until the client gives up or the server closes.
  } else if ('raw' in outcome) {
    res.writeHead(outcome.status ?? 200, outcome.headers ?? {}).end(outcome.raw);
  } else if ('reply' in outcome && !('partial' in outcome)) {
    sendReply(res, api, outcome.reply, request);
  } else if ('partial' in outcome) {
    sendPartial(res, api, outcome, request);
  } else if ('trickle' in outcome) {
    void sendTrickle(res, replyChunks(api, outcome.trickle, request), outcome.gapMs, request);
  } else {
    const body = outcome.body ?? errorBody(api.api, outcome.status, outcome.message, outcome.code);
    sendJson(res, outcome.status, body, outcome.headers);
  }
}

/** A streaming request (`stream: true`) gets server-sent events, any other the JSON body. */
function replyChunks(api: FakeApi, reply: FakeReply, request: RecordedRequest): string[] {
  const body = request.body as { model?: unknown; stream?: unknown } | null;
  const json = replyBody(api.api, reply, body?.model, api.nextReplyNumber());
  return body?.stream === true ? streamEvents(api.api, json) : [JSON.stringify(json)];
}

function replyHeaders(request: RecordedRequest, extra: Record<string, string> = {}): Record<string, string> {
  const streaming = (request.body as { stream?: unknown } | null)?.stream === true;
  return { 'content-type': streaming ? 'text/event-stream' : 'application/json', ...extra };
}

function sendReply(res: ServerResponse, api: FakeApi, reply: FakeReply, request: RecordedRequest): void {
  res.writeHead(200, replyHeaders(request, reply.headers)).end(replyChunks(api, reply, request).join(''));
}

function sendPartial(
  res: ServerResponse,
  api: FakeApi,
  outcome: { partial: 'reset' | 'stall'; reply?: FakeReply },
  request: RecordedRequest,
): void {
  const whole = replyChunks(api, outcome.reply ?? DEFAULT_REPLY, request).join('');
  res.writeHead(200, replyHeaders(request));
  res.write(whole.slice(0, Math.floor(whole.length / 2)), () => {
    if (outcome.partial === 'reset') res.socket?.destroy();
  });
}

async function sendTrickle(
  res: ServerResponse,
  chunks: string[],
  gapMs: number,
  request: RecordedRequest,
): Promise<void> {
  res.writeHead(200, replyHeaders(request)).flushHeaders();
  for (const chunk of chunks) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    if (res.destroyed) return;
    res.write(chunk);
  }
  res.end();
}

/** Both SDKs only parse bodies labelled `application/json`; without it they hand back a string. */
function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
