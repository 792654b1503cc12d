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
 * together: loki-ingestion-lag spends about three minutes waiting on an
 * alert's `for: 2m`, and gateway-hung (about 35 s) joins it, against about
 * 220 s for the rest. `firedrill run --suite` runs everything in order, one
 * environment at a time.
 */
export const secondLaneScenarioIds: readonly string[] = ['loki-ingestion-lag', 'gateway-hung'];
