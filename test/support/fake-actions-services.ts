/**
 * A loopback stand-in for the Actions results service, for tests that drive the real `@actions/cache`
 * and `@actions/artifact` clients (in-process or inside the built action):
 *
 *   - cache twirp API `CacheService/CreateCacheEntry|FinalizeCacheEntryUpload|GetCacheEntryDownloadURL`,
 *     with the service's rules: entries are immutable (a second create of a key is refused), the
 *     version (hash of the `paths` array and compression) must match, and a restore takes the exact key
 *     first, then the newest entry whose key starts with a restore key;
 *   - artifact twirp API `ArtifactService/CreateArtifact|FinalizeArtifact`;
 *   - the signed blob URLs both upload to (Azure block blob: single PUT, or staged blocks and a block
 *     list) and the cache downloads from (GET).
 *
 *     const services = await startFakeActionsServices();
 *     env: ACTIONS_CACHE_SERVICE_V2=true, ACTIONS_RESULTS_URL=services.url,
 *          ACTIONS_RUNTIME_TOKEN=services.runtimeToken
 *
 * Every request is recorded (method, path and query, headers, body) so that a test can check that no
 * secret ever reached the service.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake received it. */
export interface ServiceRequest {
  method: string;
  /** Path and query. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** One cache entry. */
export interface FakeCacheEntry {
  key: string;
  version: string;
  /** Creation order; a restore by prefix takes the highest. */
  seq: number;
  finalized: boolean;
  /** The uploaded archive (a tar, zstd- or gzip-compressed). */
  data: Buffer;
  /** Name of its blob. */
  blob: string;
}

/** One artifact. */
export interface FakeArtifact {
  id: number;
  name: string;
  finalized: boolean;
  /** The uploaded zip. */
  data: Buffer;
  /** `expires_at` from the create request, when retention was given. */
  expiresAt?: string;
}

export interface FakeActionsServices {
  /** `http://127.0.0.1:<port>/`: the `ACTIONS_RESULTS_URL`. */
  readonly url: string;
  /** A JWT with the `Actions.Results:<run>:<job>` scope the artifact client needs. */
  readonly runtimeToken: string;
  readonly requests: ServiceRequest[];
  readonly cache: FakeCacheEntry[];
  readonly artifacts: FakeArtifact[];
  /** When true, cache reservations are refused as for a read-only token. */
  cacheWritesDenied: boolean;
  /** The newest finalized entry whose key starts with `prefix`. */
  newestEntry(prefix: string): FakeCacheEntry | undefined;
  close(): Promise<void>;
}

const CACHE = '/twirp/github.actions.results.api.v1.CacheService/';
const ARTIFACT = '/twirp/github.actions.results.api.v1.ArtifactService/';
const BLOB = '/devstoreaccount1/';

export async function startFakeActionsServices(): Promise<FakeActionsServices> {
  const blobs = new Map<string, Buffer>();
  const staged = new Map<string, Buffer>();
  let seq = 0;
  const services: FakeActionsServices = {
    url: '',
    runtimeToken: fakeRuntimeToken(),
    requests: [],
    cache: [],
    artifacts: [],
    cacheWritesDenied: false,
    newestEntry: (prefix) => newest(services.cache.filter((e) => e.finalized && e.key.startsWith(prefix))),
    close: async () => undefined,
  };
  const handlers: Handlers = { services, blobs, staged, nextSeq: () => ++seq };
  const server = createServer((req, res) => {
    void handle(req, res, handlers).catch((error: unknown) => json(res, 500, { msg: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(services, {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return services;
}

interface Handlers {
  services: FakeActionsServices;
  /** Blob name → committed content. */
  blobs: Map<string, Buffer>;
  /** `<blob>#<block id>` → staged block. */
  staged: Map<string, Buffer>;
  nextSeq: () => number;
}

async function handle(req: IncomingMessage, res: ServerResponse, h: Handlers): Promise<void> {
  const request = await record(req);
  h.services.requests.push(request);
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname.startsWith(CACHE))
    return cacheCall(url.pathname.slice(CACHE.length), parse(request), res, h);
  if (url.pathname.startsWith(ARTIFACT))
    return artifactCall(url.pathname.slice(ARTIFACT.length), parse(request), res, h);
  if (url.pathname.startsWith(BLOB)) return blobCall(request, url, res, h);
  json(res, 404, { msg: `fake actions services: no route for ${request.method} ${url.pathname}` });
}

function cacheCall(method: string, body: Record<string, unknown>, res: ServerResponse, h: Handlers): void {
  const { services } = h;
  const key = String(body.key ?? '');
  const version = String(body.version ?? '');
  switch (method) {
    case 'CreateCacheEntry': {
      if (services.cacheWritesDenied)
        return json(res, 200, { ok: false, message: 'cache write denied: read-only token' });
      if (services.cache.some((e) => e.key === key && e.version === version)) {
        return json(res, 200, { ok: false, message: `cache entry ${key} already exists` });
      }
      const n = h.nextSeq();
      services.cache.push({
        key,
        version,
        seq: n,
        finalized: false,
        data: Buffer.alloc(0),
        blob: `cache-${n}`,
      });
      return json(res, 200, { ok: true, signed_upload_url: blobUrl(services, `cache-${n}`) });
    }
    case 'FinalizeCacheEntryUpload': {
      const entry = services.cache.find((e) => e.key === key && e.version === version && !e.finalized);
      if (!entry) return json(res, 200, { ok: false, message: `no upload in progress for ${key}` });
      entry.data = h.blobs.get(entry.blob) ?? Buffer.alloc(0);
      entry.finalized = true;
      return json(res, 200, { ok: true, entry_id: String(entry.seq) });
    }
    case 'GetCacheEntryDownloadURL': {
      const entry = lookup(services.cache, key, (body.restore_keys as string[] | undefined) ?? [], version);
      if (!entry) return json(res, 200, { ok: false });
      return json(res, 200, {
        ok: true,
        matched_key: entry.key,
        signed_download_url: blobUrl(services, entry.blob),
      });
    }
  }
  json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
}

/** The exact key first, then each restore key as a prefix, newest entry first (the service's rule). */
function lookup(
  entries: FakeCacheEntry[],
  key: string,
  restoreKeys: string[],
  version: string,
): FakeCacheEntry | undefined {
  const usable = entries.filter((e) => e.finalized && e.version === version);
  const exact = usable.find((e) => e.key === key);
  if (exact) return exact;
  for (const prefix of [key, ...restoreKeys]) {
    const found = newest(usable.filter((e) => e.key.startsWith(prefix)));
    if (found) return found;
  }
  return undefined;
}

function newest(entries: FakeCacheEntry[]): FakeCacheEntry | undefined {
  return entries.reduce<FakeCacheEntry | undefined>(
    (a, e) => (a === undefined || e.seq > a.seq ? e : a),
    undefined,
  );
}

function artifactCall(method: string, body: Record<string, unknown>, res: ServerResponse, h: Handlers): void {
  const { services } = h;
  const name = String(body.name ?? '');
  if (method === 'CreateArtifact') {
    if (services.artifacts.some((a) => a.name === name))
      return json(res, 409, { code: 'already_exists', msg: `artifact ${name} exists` });
    const expiresAt = typeof body.expires_at === 'string' ? { expiresAt: body.expires_at } : {};
    const id = 1000 + h.nextSeq();
    services.artifacts.push({ id, name, finalized: false, data: Buffer.alloc(0), ...expiresAt });
    return json(res, 200, { ok: true, signed_upload_url: blobUrl(services, `artifact-${id}`) });
  }
  if (method === 'FinalizeArtifact') {
    const artifact = services.artifacts.find((a) => a.name === name && !a.finalized);
    if (!artifact) return json(res, 404, { code: 'not_found', msg: `no artifact ${name} in progress` });
    artifact.data = h.blobs.get(`artifact-${artifact.id}`) ?? Buffer.alloc(0);
    artifact.finalized = true;
    return json(res, 200, { ok: true, artifact_id: String(artifact.id) });
  }
  json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
}

/** Azure block blob, as much as the clients use: Put Blob, Put Block, Put Block List, Get Blob. */
function blobCall(request: ServiceRequest, url: URL, res: ServerResponse, h: Handlers): void {
  const name = url.pathname.slice(BLOB.length).replace(/^blobs\//, '');
  const comp = url.searchParams.get('comp');
  if (request.method === 'PUT' && comp === 'block') {
    h.staged.set(`${name}#${url.searchParams.get('blockid') ?? ''}`, request.body);
    return created(res);
  }
  if (request.method === 'PUT' && comp === 'blocklist') {
    const ids = [
      ...request.body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g),
    ].map((m) => m[1] ?? '');
    h.blobs.set(name, Buffer.concat(ids.map((id) => h.staged.get(`${name}#${id}`) ?? Buffer.alloc(0))));
    return created(res);
  }
  if (request.method === 'PUT') {
    h.blobs.set(name, request.body);
    return created(res);
  }
  const data = h.blobs.get(name);
  if (!data) return void res.writeHead(404).end();
  res
    .writeHead(200, { 'content-length': String(data.length), 'content-type': 'application/octet-stream' })
    .end(data);
}

function created(res: ServerResponse): void {
  res
    .writeHead(201, {
      etag: '"0x1"',
      'last-modified': new Date().toUTCString(),
      'x-ms-request-complete': 'true',
      'content-length': '0',
    })
    .end();
}

/** The signed URL; its `sig` is masked by the clients, like a real SAS signature. */
function blobUrl(services: FakeActionsServices, name: string): string {
  return `${services.url.replace(/\/$/, '')}${BLOB}blobs/${name}?sv=2024-01-01&sig=fakesignature`;
}

async function record(req: IncomingMessage): Promise<ServiceRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? '', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
}

function parse(request: ServiceRequest): Record<string, unknown> {
  try {
    return JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** An unsigned JWT: the clients decode it for the backend ids and never verify it. */
function fakeRuntimeToken(): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { scp: 'Actions.GenericRead Actions.Results:run-backend-1:job-backend-1', exp: 4102444800 };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.fakesig-runtime-token`;
}
