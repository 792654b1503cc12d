import type { Evidence } from '../../src/evidence/evidence.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';

const at = '2026-12-02T08:00:00.000Z';
const targets = { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 };
const nothingMeasured = { detectMs: null, recoveryMs: null, outageMs: null, dataLoss: null, duplicates: null, alerts: [] };

/** A scenario's entry as evidence.json holds it, with every field a report reads; `overrides` make the case. */
export function handMadeResult(overrides: Partial<ScenarioResult> & Pick<ScenarioResult, 'id' | 'verdict'>): ScenarioResult {
  const reasons = overrides.reasons ?? (overrides.reason ? [overrides.reason] : []);
  return {
    title: `${overrides.id} title`,
    reasons,
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    targets,
    measured: { detectMs: 1200, recoveryMs: 8400, outageMs: 9100, dataLoss: 0, duplicates: 0, alerts: [] },
    controls: [],
    faults: ['redis stopped'],
    steps: [],
    checks: [],
    timeline: [
      { t: 0, at, kind: 'scenario.started', detail: {} },
      { t: 12_345, at, kind: 'scenario.finished', detail: {} },
    ],
    ...overrides,
  };
}

/** One scenario per verdict; the failed one was paged for and missed its recovery target. */
export const everyVerdict: readonly ScenarioResult[] = [
  handMadeResult({
    id: 'redis-outage',
    verdict: 'passed',
    measured: {
      ...nothingMeasured,
      detectMs: 1200,
      recoveryMs: 8400,
      outageMs: 9100,
      dataLoss: 0,
      duplicates: 0,
      alerts: [
        { alert: 'RedisDown', withinMs: 30_000, firedMs: 4200, detail: 'firing', notified: ['pagerduty P7X2K9Q', 'slack @sre-team'] },
      ],
    },
  }),
  handMadeResult({
    id: 'postgres-failover',
    verdict: 'failed',
    reasons: ['recovered after 41000 ms, target 30000 ms', 'step "pg.promote" exited 1'],
    measured: { ...nothingMeasured, detectMs: 2100, recoveryMs: 41_000, outageMs: 43_000, dataLoss: 2, duplicates: 0 },
  }),
  handMadeResult({ id: 'steady-broken', verdict: 'aborted', reason: 'steady state did not hold: gateway answered 503' }),
  handMadeResult({
    id: 'no-engine',
    verdict: 'errored',
    reason: 'environment did not start: redis-server exited 1',
    measured: nothingMeasured,
  }),
  handMadeResult({
    id: 'pm2-double-spawn',
    verdict: 'skipped',
    reason: 'not applicable on the docker runtime (it runs on: local)',
    measured: nothingMeasured,
    timeline: [{ t: 0, at, kind: 'scenario.skipped', detail: {} }],
  }),
];

/** A whole run's evidence around the given scenarios. */
export function handMadeEvidence(scenarios: readonly ScenarioResult[] = everyVerdict): Evidence {
  return {
    schema: 'firedrill.evidence/v1',
    runId: '2026-12-02T08-00-00-000Z-ab12',
    startedAt: at,
    finishedAt: '2026-12-02T08:01:30.500Z',
    harness: { version: '0.1.0', commit: '1ae7218aaaabbbbccccddddeeeeffff000011112-dirty' },
    config: {
      path: 'fixtures/ats/firedrill.config.ts',
      sha256: 'c'.repeat(64),
      name: 'ats',
      datastores: [],
      services: ['order-gateway'],
      links: [],
    },
    runbook: { path: 'fixtures/runbook/RUNBOOK.md', version: '1.4.0', commit: 'abc1234', sha256: 'b'.repeat(64) },
    runtime: 'local',
    scenarios: [...scenarios],
  };
}
