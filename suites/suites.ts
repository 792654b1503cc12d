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
    scenarioIds: ['redis-outage', 'exchange-rate-limit', 'redis-latency', 'postgres-partition'],
  },
];
