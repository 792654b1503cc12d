/**
 * A run history filled with made-up but plausible runs, through the same path
 * a real run takes (evidence → runRecord → appendRun, one transaction each):
 * each scenario detects within 10–50 % of its target and recovers within
 * 10–60 %, and fails now and then (recovery over its target, or a step
 * exiting 1), from a seeded generator so every seeding is the same.
 */
import type { Evidence } from '../../src/evidence/evidence.ts';
import { appendRun } from '../../src/history/append-run.ts';
import { openHistory } from '../../src/history/history-db.ts';
import { runRecord } from '../../src/history/run-record.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import type { Targets } from '../../src/scenario/scenario.ts';

export interface SeedScenario {
  readonly id: string;
  readonly targets: Targets;
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seededResult(scenario: SeedScenario, random: () => number, failureRate: number): ScenarioResult {
  const { targets } = scenario;
  const recoveryTarget = targets.rollbackMs ?? targets.recoveryMs;
  const detectMs = Math.round(targets.detectMs * (0.1 + 0.4 * random()));
  const roll = random();
  const late = roll < failureRate / 2;
  const stepFailed = !late && roll < failureRate;
  const recoveryMs = Math.round(recoveryTarget * (late ? 1.1 + random() : 0.1 + 0.5 * random()));
  const reasons = [
    ...(late ? [`recovered after ${recoveryMs} ms, target ${recoveryTarget} ms`] : []),
    ...(stepFailed ? [`step "${scenario.id}.restart" exited 1 after ${Math.round(random() * 900)} ms`] : []),
  ];
  return {
    id: scenario.id,
    title: scenario.id,
    verdict: reasons.length > 0 ? 'failed' : 'passed',
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    reasons,
    targets,
    measured: { detectMs, recoveryMs, outageMs: detectMs + recoveryMs, dataLoss: 0, duplicates: 0, alerts: [] },
    controls: [],
    faults: [],
    steps: [],
    checks: [],
    timeline: [],
  };
}

/** Appends `runs` runs of every scenario to `file` (created when missing), numbered from `first`; answers the run ids, oldest first. */
export function seedHistory(file: string, scenarios: readonly SeedScenario[], runs: number, failureRate = 0.06, first = 0): string[] {
  const random = generator(16 + first);
  const ids: string[] = [];
  using db = openHistory(file);
  db.exec('PRAGMA synchronous = OFF'); // seeding only: a real run's append keeps SQLite's default durability
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = first; i < first + runs; i++) {
    const startedAt = new Date(start + i * 3_600_000).toISOString();
    const evidence: Evidence = {
      schema: 'firedrill.evidence/v1',
      runId: `${startedAt.replace(/[:.]/g, '-')}-${i.toString(16).padStart(4, '0')}`,
      startedAt,
      finishedAt: new Date(start + i * 3_600_000 + 600_000).toISOString(),
      harness: { version: '0.1.0', commit: 'f'.repeat(40) },
      runbook: { path: 'RUNBOOK.md', version: '1.0.0', commit: 'unknown', sha256: 'a'.repeat(64) },
      runtime: 'local',
      scenarios: scenarios.map((scenario) => seededResult(scenario, random, failureRate)),
    };
    const failed = evidence.scenarios.some((s) => s.verdict === 'failed');
    appendRun(db, runRecord(evidence, failed ? 1 : 0, 'bench-host'));
    ids.push(evidence.runId);
  }
  return ids;
}
