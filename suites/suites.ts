/** Named groups of scenarios; `firedrill run --suite NAME` and the vitest suite files read them. */
export interface Suite {
  readonly name: string;
  readonly description: string;
  readonly scenarioIds: readonly string[];
}

export const suites: readonly Suite[] = [
  {
    name: 'release-gate',
    description: 'Runs on every release candidate; its exit code gates the release.',
    scenarioIds: [
      'redis-outage',
      'exchange-rate-limit',
      'redis-latency',
      'postgres-partition',
      'pg-pool-exhaustion',
      'gateway-hung',
      'loki-ingestion-lag',
      'market-shock',
    ],
  },
];

/**
 * The test suite runs the release gate in two lanes, each on its own
 * environment, side by side (suites/gate-run.ts), so that they end about
 * together: loki-ingestion-lag (81 s: a 75 s stall), gateway-hung (30 s) and
 * market-shock (33 s) in one, 164-166 s with each scenario's environment,
 * against 150-155 s for the other five (measured on both runtimes, under a
 * mutation run).
 * `firedrill run --suite` runs everything in order, one environment at a time.
 */
export const secondLaneScenarioIds: readonly string[] = ['loki-ingestion-lag', 'gateway-hung', 'market-shock'];
