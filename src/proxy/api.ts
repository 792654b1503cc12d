// Toxiproxy 2.x's HTTP API: the routes and what each does. Handlers run one
// at a time (the API serialises changes, as Toxiproxy's locks do), throw
// ApiError for the client's mistakes, and return a status and a JSON body.
import { apiError, ApiError } from './errors.ts';
import type { ProxyCollection } from './proxy-collection.ts';
import { parseNewToxic, toxicJson } from './toxic-config.ts';

export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  body(): Promise<unknown>;
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
}

type Handler = (proxies: ProxyCollection, request: ApiRequest) => Promise<ApiResponse>;

/** The version /version reports: the Toxiproxy API level this server follows. */
export const apiVersion = '2.12.0-firedrill';

const ok = (body?: unknown, status = 200): ApiResponse => ({ status, body });
const noContent: ApiResponse = { status: 204 };

const routes: [method: string, pattern: string, handler: Handler][] = [
  ['GET', '/version', async () => ok({ version: apiVersion })],
  [
    'POST',
    '/reset',
    async (proxies) => {
      await proxies.reset();
      return noContent;
    },
  ],
  ['GET', '/proxies', async (proxies) => ok(Object.fromEntries(proxies.list().map((p) => [p.name, p.toJSON()])))],
  ['POST', '/proxies', async (proxies, r) => ok(await proxies.create(await r.body()), 201)],
  ['POST', '/populate', populate],
  ['GET', '/proxies/:proxy', async (proxies, r) => ok(proxies.get(r.params.proxy!))],
  ['POST', '/proxies/:proxy', updateProxy],
  ['PATCH', '/proxies/:proxy', updateProxy],
  [
    'DELETE',
    '/proxies/:proxy',
    async (proxies, r) => {
      await proxies.remove(r.params.proxy!);
      return noContent;
    },
  ],
  ['GET', '/proxies/:proxy/toxics', async (proxies, r) => ok(proxies.get(r.params.proxy!).toxics.list().map(toxicJson))],
  ['POST', '/proxies/:proxy/toxics', createToxic],
  ['GET', '/proxies/:proxy/toxics/:toxic', async (proxies, r) => ok(toxicJson(toxicsOf(proxies, r).get(r.params.toxic!)))],
  ['POST', '/proxies/:proxy/toxics/:toxic', updateToxic],
  ['PATCH', '/proxies/:proxy/toxics/:toxic', updateToxic],
  [
    'DELETE',
    '/proxies/:proxy/toxics/:toxic',
    async (proxies, r) => {
      toxicsOf(proxies, r).remove(r.params.toxic!);
      return noContent;
    },
  ],
];

async function updateProxy(proxies: ProxyCollection, request: ApiRequest): Promise<ApiResponse> {
  const proxy = proxies.get(request.params.proxy!);
  return ok(await proxies.update(proxy.name, await request.body()));
}

async function createToxic(proxies: ProxyCollection, request: ApiRequest): Promise<ApiResponse> {
  const toxics = toxicsOf(proxies, request);
  return ok(toxicJson(toxics.add(parseNewToxic(await request.body()))));
}

async function updateToxic(proxies: ProxyCollection, request: ApiRequest): Promise<ApiResponse> {
  const toxics = toxicsOf(proxies, request);
  toxics.get(request.params.toxic!);
  return ok(toxicJson(toxics.update(request.params.toxic!, await request.body())));
}

/** 201 with every proxy; on a failure part way, that error's status with the proxies done so far. */
async function populate(proxies: ProxyCollection, request: ApiRequest): Promise<ApiResponse> {
  const result = await proxies.populate(await request.body());
  if (result.error === undefined) return ok({ proxies: result.proxies }, 201);
  const error = result.error instanceof ApiError ? result.error : new ApiError(500, String(result.error));
  return ok({ ...error.toJSON(), proxies: result.proxies }, error.status);
}

function toxicsOf(proxies: ProxyCollection, request: ApiRequest) {
  return proxies.get(request.params.proxy!).toxics;
}

export class Api {
  readonly #proxies: ProxyCollection;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(proxies: ProxyCollection) {
    this.#proxies = proxies;
  }

  /**
   * Finds the route (404, or 405 naming the allowed methods), reads the body
   * (outside the queue, so a slow client holds up no one), then runs the
   * handler after the requests before it.
   */
  async dispatch(method: string, path: string, readBody: () => Promise<unknown>): Promise<ApiResponse> {
    const matches = routes.flatMap(([m, pattern, handler]) => {
      const params = match(pattern, path);
      return params ? [{ method: m, params, handler }] : [];
    });
    if (matches.length === 0) throw apiError('routeNotFound', method, path);
    const route = matches.find((m) => m.method === method);
    if (!route) throw apiError('methodNotAllowed', method, path, matches.map((m) => m.method).join(', '));
    const settled = method === 'GET' || method === 'DELETE' ? undefined : await settle(readBody());
    const body = () => (settled?.ok ? Promise.resolve(settled.value) : Promise.reject(settled?.error));
    const run = this.#tail.then(() => route.handler(this.#proxies, { params: route.params, body }));
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(promise: Promise<unknown>): Promise<Settled> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decode(value);
    else if (part !== value) return undefined;
  }
  return params;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw apiError('badRequestBody', `malformed path segment ${JSON.stringify(segment)}`);
  }
}
