import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubAlert {
  readonly name: string;
  readonly state: 'pending' | 'firing';
  /** ISO time the expression first held. */
  readonly activeAt: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Raw samples of one series, as a range query gives them: [unix seconds, value]. */
export interface StubSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly values: readonly [number, number][];
}

/**
 * A stand-in for Prometheus' rules API (GET /api/v1/rules) in the test's own
 * process: one alerting rule per name in `rules` (each with a `for` of
 * `forSeconds`), with the alerts set by `alerts = […]` (or `() => […]`). Its
 * query API (GET /api/v1/query) answers `up[…]` and
 * `scrape_duration_seconds[…]` with the series set by `scrapes = {…}`, and
 * `ALERTS{…}[…]` with those set by `alertSeries = […]`, none by default; a query starting with one of
 * `unanswered = […]` gets a 503, as from a Prometheus that is not ready. A real Prometheus firing real alerts:
 * test/prometheus and every gate scenario.
 */
export async function startStubPrometheus(rules: readonly string[], forSeconds = 0) {
  let alerts: () => readonly StubAlert[] = () => [];
  const body = () => ({
    status: 'success',
    data: {
      groups: [
        {
          rules: rules.map((name) => ({
            type: 'alerting',
            name,
            duration: forSeconds,
            alerts: alerts()
              .filter((a) => a.name === name)
              .map((a) => ({
                state: a.state,
                activeAt: a.activeAt,
                labels: { alertname: name, ...a.labels },
                annotations: {},
                value: '1',
              })),
          })),
        },
      ],
    },
  });
  let scrapes: { up: readonly StubSeries[]; durations: readonly StubSeries[] } = { up: [], durations: [] };
  let alertSeries: readonly StubSeries[] = [];
  let unanswered: readonly string[] = [];
  const seriesFor = (query: string) => {
    if (query.startsWith('up[')) return scrapes.up;
    if (query.startsWith('scrape_duration_seconds[')) return scrapes.durations;
    return query.startsWith('ALERTS{') ? alertSeries : [];
  };
  const queryBody = (query: string) => {
    const series = seriesFor(query);
    const result = series.map((s) => ({ metric: s.labels, values: s.values.map(([t, v]) => [t, String(v)]) }));
    return { status: 'success', data: { resultType: 'matrix', result } };
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const query = url.searchParams.get('query') ?? '';
    if (url.pathname === '/api/v1/query' && unanswered.some((prefix) => query.startsWith(prefix))) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    const answer = url.pathname === '/api/v1/query' ? queryBody(query) : body();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** What Prometheus answers from now on: fixed, or decided at each request. */
    set alerts(value: readonly StubAlert[] | (() => readonly StubAlert[])) {
      alerts = typeof value === 'function' ? value : () => value;
    },
    set scrapes(value: { up: readonly StubSeries[]; durations: readonly StubSeries[] }) {
      scrapes = value;
    },
    set alertSeries(value: readonly StubSeries[]) {
      alertSeries = value;
    },
    set unanswered(value: readonly string[]) {
      unanswered = value;
    },
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
