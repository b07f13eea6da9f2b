/**
 * A loopback stand-in for the few GitHub REST endpoints the Action calls — in run mode the open pull
 * requests of a branch and the comments of a pull request (list, create, update); in comment mode a
 * collaborator's permission, reactions, one pull request and the workflow dispatch — for tests that run
 * the built action as a subprocess, where `nock` cannot reach. Every request is recorded for secret scans.
 *
 *     const api = await startFakeGitHubApi({ owner: 'octo', repo: 'widgets' });
 *     api.pulls.push({ number: 7, head: 'feature' });
 *     env: GITHUB_API_URL=api.url
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake received it. */
export interface ApiRequest {
  method: string;
  /** Path and query. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** An issue comment. */
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  /** How many times it was edited. */
  updates: number;
}

export interface FakeGitHubApi {
  /** `http://127.0.0.1:<port>`: the `GITHUB_API_URL`. */
  readonly url: string;
  readonly requests: ApiRequest[];
  /** Open pull requests: number and head branch (in this repository). */
  readonly pulls: Array<{ number: number; head: string }>;
  readonly comments: FakeComment[];
  /** Repository permission by login (`admin`, `write`, `read`); others are not collaborators. */
  readonly permissions: Record<string, string>;
  /** Reactions added to comments. */
  readonly reactions: Array<{ commentId: number; content: string }>;
  /** Workflow dispatches: workflow file, ref and inputs. */
  readonly dispatches: Array<{ workflow: string; ref: string; inputs: Record<string, string> }>;
  close(): Promise<void>;
}

export async function startFakeGitHubApi(repo: { owner: string; repo: string }): Promise<FakeGitHubApi> {
  const api: FakeGitHubApi = {
    url: '',
    requests: [],
    pulls: [],
    comments: [],
    permissions: {},
    reactions: [],
    dispatches: [],
    close: async () => undefined,
  };
  const base = `/repos/${repo.owner}/${repo.repo}`;
  const server = createServer((req, res) => {
    void record(req).then((request) => {
      api.requests.push(request);
      route(request, res, api, base, repo);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function route(
  request: ApiRequest,
  res: ServerResponse,
  api: FakeGitHubApi,
  base: string,
  repo: { owner: string; repo: string },
): void {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname;
  if (request.method === 'GET' && path === `${base}/pulls`) return json(res, 200, openPulls(api, url, repo));
  const issueComments = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(path);
  if (issueComments) {
    const issue = Number(issueComments[1]);
    if (request.method === 'GET')
      return json(res, 200, api.comments.filter((c) => c.issue === issue).map(toJson));
    if (request.method === 'POST') return json(res, 201, toJson(create(api, issue, request)));
  }
  const oneComment = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path);
  if (oneComment && request.method === 'PATCH') {
    const comment = api.comments.find((c) => c.id === Number(oneComment[1]));
    if (!comment) return json(res, 404, { message: 'Not Found' });
    comment.body = bodyOf(request);
    comment.updates += 1;
    return json(res, 200, toJson(comment));
  }
  if (!commentCommandRoute(request, res, api, base, repo)) {
    json(res, 404, { message: `Not Found (fake GitHub API: ${request.method} ${path})` });
  }
}

/** The calls of a comment command: permission, reaction, pull request, dispatch. */
function commentCommandRoute(
  request: ApiRequest,
  res: ServerResponse,
  api: FakeGitHubApi,
  base: string,
  repo: { owner: string; repo: string },
): boolean {
  const path = new URL(request.url, 'http://localhost').pathname;
  const permission = new RegExp(`^${base}/collaborators/([^/]+)/permission$`).exec(path);
  if (permission && request.method === 'GET') {
    const level = api.permissions[decodeURIComponent(permission[1] ?? '')];
    if (!level) json(res, 404, { message: 'Not Found' });
    else json(res, 200, { permission: level, role_name: level, user: { login: permission[1] } });
    return true;
  }
  const reaction = new RegExp(`^${base}/issues/comments/(\\d+)/reactions$`).exec(path);
  if (reaction && request.method === 'POST') {
    const content = (JSON.parse(request.body) as { content: string }).content;
    api.reactions.push({ commentId: Number(reaction[1]), content });
    json(res, 201, { id: api.reactions.length, content });
    return true;
  }
  const pull = new RegExp(`^${base}/pulls/(\\d+)$`).exec(path);
  const found = pull ? api.pulls.find((p) => p.number === Number(pull[1])) : undefined;
  if (pull && request.method === 'GET') {
    if (!found) json(res, 404, { message: 'Not Found' });
    else json(res, 200, pullJson(found, repo));
    return true;
  }
  const dispatch = new RegExp(`^${base}/actions/workflows/([^/]+)/dispatches$`).exec(path);
  if (dispatch && request.method === 'POST') {
    const body = JSON.parse(request.body) as { ref: string; inputs?: Record<string, string> };
    api.dispatches.push({
      workflow: decodeURIComponent(dispatch[1] ?? ''),
      ref: body.ref,
      inputs: body.inputs ?? {},
    });
    res.writeHead(204).end();
    return true;
  }
  return false;
}

function openPulls(api: FakeGitHubApi, url: URL, repo: { owner: string; repo: string }): unknown[] {
  const head = url.searchParams.get('head');
  return api.pulls
    .filter((p) => head === null || head === `${repo.owner}:${p.head}`)
    .map((p) => pullJson(p, repo));
}

function pullJson(p: { number: number; head: string }, repo: { owner: string; repo: string }): unknown {
  const fullName = `${repo.owner}/${repo.repo}`;
  return {
    number: p.number,
    state: 'open',
    html_url: `https://github.com/${fullName}/pull/${p.number}`,
    head: { ref: p.head, repo: { full_name: fullName } },
    base: { ref: 'main', repo: { full_name: fullName } },
  };
}

function create(api: FakeGitHubApi, issue: number, request: ApiRequest): FakeComment {
  const comment = { id: 500 + api.comments.length, issue, body: bodyOf(request), updates: 0 };
  api.comments.push(comment);
  return comment;
}

function toJson(c: FakeComment): unknown {
  return {
    id: c.id,
    body: c.body,
    html_url: `https://github.com/comments/${c.id}`,
    user: { login: 'github-actions[bot]', type: 'Bot' },
  };
}

function bodyOf(request: ApiRequest): string {
  return (JSON.parse(request.body) as { body: string }).body;
}

async function record(req: IncomingMessage): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? '',
    url: req.url ?? '/',
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
