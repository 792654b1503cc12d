// The fault proxy's server: Toxiproxy's HTTP API on a loopback port, and the
// proxies it manages. Started with startProxyServer; close() (or `await
// using`) stops every proxy and drops every connection.
//
//   client ──▶ proxy "redis" (listen) ──▶ upstream
//                 ▲ toxics per direction
//   harness ──HTTP──▶ api (this server)
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { checkLoopback } from './address.ts';
import { Api, type ApiResponse } from './api.ts';
import { drainBody } from './drain-body.ts';
import { apiError, ApiError } from './errors.ts';
import { ProxyCollection } from './proxy-collection.ts';
import { createRandom, randomSeed } from './random.ts';
import { defaultMaxBodyBytes, readJsonBody } from './read-body.ts';

export interface ProxyServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port (the CLI defaults to Toxiproxy's 8474). */
  readonly port?: number;
  /** Seeds toxicity decisions and toxic randomness; random when absent. */
  readonly seed?: number;
  /** Let the API and proxies listen, and upstreams point, off loopback. Default false. */
  readonly allowNonLoopback?: boolean;
  readonly maxBodyBytes?: number;
}

export interface ProxyServer extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly seed: number;
  close(): Promise<void>;
}

// node:http as CommonJS: an ESM import evaluates every export, and its lazy
// WebSocket getter loads undici and http2 (about 14 MiB of RSS, kept).
const { createServer } = process.getBuiltinModule('node:http');

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const host = options.host ?? '127.0.0.1';
  const allowNonLoopback = options.allowNonLoopback ?? false;
  checkLoopback({ host, port: options.port ?? 0 }, 'API', allowNonLoopback);
  const seed = options.seed ?? randomSeed();
  const random = { toxicityRandom: createRandom(seed), random: createRandom(seed ^ 0x5bd1e995) };
  const proxies = new ProxyCollection(random, allowNonLoopback);
  const api = new Api(proxies);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const http = createServer((request, response) => void handle(api, request, response, maxBodyBytes));
  http.requestTimeout = 15_000; // Toxiproxy's read timeout
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ host, port: options.port ?? 0 }, () => resolve());
  });
  const address = http.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= stop(http, proxies));
  return { url, port, seed, close, [Symbol.asyncDispose]: close };
}

async function handle(api: Api, request: IncomingMessage, response: ServerResponse, maxBodyBytes: number): Promise<void> {
  let result: ApiResponse;
  try {
    const agent = request.headers['user-agent'] ?? '';
    if (agent.startsWith('Mozilla/')) throw apiError('userAgentForbidden', agent);
    const { pathname } = new URL(request.url ?? '/', 'http://proxy');
    result = await api.dispatch(request.method ?? 'GET', pathname, () => readJsonBody(request, maxBodyBytes));
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError(500, `internal error: ${(error as Error).message}`);
    result = { status: failure.status, body: failure.toJSON() };
  }
  const text = result.body === undefined ? '' : JSON.stringify(result.body);
  const type = text === '' ? {} : { 'content-type': 'application/json' };
  response.writeHead(result.status, { ...type, 'content-length': Buffer.byteLength(text) }).end(text);
  drainBody(request, response);
}

async function stop(http: Server, proxies: ProxyCollection): Promise<void> {
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeAllConnections();
  await proxies.close();
  await closed;
}
