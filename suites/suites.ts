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
 * Scenarios whose length is waiting, not work: loki-ingestion-lag spends about
 * three minutes on an alert's `for: 2m`. The test suite runs them on their own
 * environment side by side with the rest of the gate (suites/gate-run.ts);
 * `firedrill run --suite` runs everything in order, one environment at a time.
 */
export const waitBoundScenarioIds: readonly string[] = ['loki-ingestion-lag'];
