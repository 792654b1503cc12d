import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExchangeStats } from '../../src/probes/exchange-stats.ts';
import type { Environment } from '../../src/runtime/runtime.ts';

/** The mock exchange's own counts, quiet by default: what a stand-in answers on /admin/stats. */
export const quietExchange: ExchangeStats = {
  mode: 'normal',
  clients: {},
  received: 10,
  filled: 10,
  rested: 0,
  cancelled: 0,
  duplicates: 0,
  rejected429: 0,
  rejected418: 0,
  requestsDuringBan: 0,
  banExtensions: 0,
  requestsIgnoringRetryAfter: 0,
  largestOrderQty: 1,
  largestOrderNotional: 109,
  peakOrdersPerSecond: 10,
  duringBan: [],
};

/**
 * A stand-in for the mock exchange's admin API in the test's own process:
 * GET /admin/stats answers `stats`, set per test (the real exchange:
 * fixtures/ats/exchange, in the integration tests). `env` reaches it as the
 * environment's exchange service.
 */
export async function startStubExchange() {
  let stats: ExchangeStats = quietExchange;
  const server = createServer((request, response) => {
    if (request.url !== '/admin/stats') return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { service: (name: string) => ({ name, url: name === 'exchange' ? url : undefined }) } as unknown as Environment,
    set stats(value: Partial<ExchangeStats>) {
      stats = { ...quietExchange, ...value };
    },
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
