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
      'bad-deploy-rollback',
      'healthy-swap',
    ],
  },
];

/**
 * The test suite runs the release gate in lanes, each on its own environment,
 * side by side (suites/gate-run.ts), so that they end about together, then the
 * scenarios of `gateAloneAfterTheLanes` one at a time with nothing else of the
 * gate running. These are the lanes after the first; the first runs every other
 * gate scenario (a scenario added to the gate lands there).
 *
 * Why some run alone: on this 2-core machine one environment keeps 0.7-0.95 of
 * a core busy (local) and 0.85-1.2 (docker), provisioning included (session 16,
 * /proc/stat over single runs), so three lanes ask for more than the machine
 * has (CPU pressure 74 % through a docker gate of three lanes, 54 % with two).
 * The targets that then measured the machine instead of the system:
 * redis-latency's acknowledgement p95 ≤ 250 ms (failed at 252-602 ms in six
 * runs of sessions 15-16, every time while the Redis backlog drained after the
 * latency healed; 6-38 ms a second alone on docker), bad-deploy-rollback's "blue
 * fails no request" (one 503 by blue in two of four CI runs) and healthy-swap's
 * release seen within 3 s (4.9 s once); and exchange-rate-limit, whose reset must
 * run inside an 8 s ban: with three lanes the harness took 4.4 s between the
 * runbook's two steps (its collateral and service looks) and the reset came after
 * the ban. Alone they take about 140 s; the six others in three lanes about 120 s.
 *
 * Earlier layouts, measured: three lanes instead of two took local 170 s →
 * 136 s and docker 216 s → 141 s (session 11); four lanes (96-139 s) failed
 * redis-latency on both runtimes every time (sessions 11 and 12).
 * `firedrill run --suite` runs everything in order, one environment at a time.
 */
export const laterGateLanes: readonly (readonly string[])[] = [
  ['loki-ingestion-lag', 'postgres-partition'],
  ['pg-pool-exhaustion', 'redis-outage'],
];

/** Run one at a time after the lanes, the machine otherwise free of the gate (see laterGateLanes). */
export const gateAloneAfterTheLanes: readonly string[] = ['redis-latency', 'bad-deploy-rollback', 'healthy-swap', 'exchange-rate-limit'];
