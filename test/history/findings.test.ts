import { describe, expect, it } from 'vitest';
import { findingKey, findingPattern } from '../../src/history/finding-key.ts';
import { findingStatus } from '../../src/history/finding-status.ts';
import { scenarioRecord } from '../../src/history/run-record.ts';
import { handMadeResult } from '../support/hand-made-evidence.ts';

describe('a finding’s key', () => {
  it('is the same for the same failure measured differently, in another sandbox, on another port', () => {
    expect(findingPattern('recovered after 41000 ms, target 30000 ms')).toBe('recovered after # ms, target # ms');
    expect(findingKey('redis-outage', 'recovered after 41000 ms, target 30000 ms')).toBe(
      findingKey('redis-outage', 'recovered after 38250.5 ms, target 30000 ms'),
    );
    expect(findingPattern('Fault "x": /tmp/firedrill/env-m3k2/pm2 on 127.0.0.1:45123 exited 1')).toBe(
      'Fault "x": /tmp/firedrill/env-#/# on #:# exited #',
    );
  });

  it('differs for another failure, and for the same failure of another scenario', () => {
    const late = 'recovered after 41000 ms, target 30000 ms';
    expect(findingKey('redis-outage', late)).not.toBe(findingKey('redis-outage', 'detected after 41000 ms, target 30000 ms'));
    expect(findingKey('redis-outage', late)).not.toBe(findingKey('redis-latency', late));
    expect(findingKey('redis-outage', late)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is recorded only for a failed scenario, once per key', () => {
    const reasons = ['step "redis.restart" exited 1', 'step "redis.restart" exited 2', 'data loss not measured'];
    const failed = scenarioRecord(handMadeResult({ id: 'redis-outage', verdict: 'failed', reasons }));
    expect(failed.findings.map((f) => f.reason)).toEqual(['step "redis.restart" exited 1', 'data loss not measured']);
    expect(failed.reasons).toEqual(reasons);
    expect(scenarioRecord(handMadeResult({ id: 'redis-outage', verdict: 'errored', reasons })).findings).toEqual([]);
  });
});

describe('a finding’s status from the passed runs since it was last seen', () => {
  it('open with none, fixed with one, retested with two or more', () => {
    expect(findingStatus(0)).toBe('open');
    expect(findingStatus(1)).toBe('fixed');
    expect(findingStatus(2)).toBe('retested');
    expect(findingStatus(7)).toBe('retested');
  });
});

describe('scenarioRecord', () => {
  it('keeps each target with what was measured against it: recovery against the rollback target, RTO against the outage', () => {
    const result = handMadeResult({
      id: 'bad-deploy-rollback',
      verdict: 'passed',
      targets: { detectMs: 5000, recoveryMs: 30_000, rollbackMs: 20_000, rtoMs: 60_000, dataLoss: 0 },
      measured: { detectMs: 6000, recoveryMs: 15_000, outageMs: 21_000, rtoMs: 21_000, dataLoss: null, duplicates: 0, alerts: [] },
    });
    expect(scenarioRecord(result).measurements).toEqual([
      { metric: 'detect', measured: 6000, target: 5000, met: false },
      { metric: 'recovery', measured: 15_000, target: 20_000, met: true },
      { metric: 'rto', measured: 21_000, target: 60_000, met: true },
      { metric: 'dataLoss', measured: null, target: 0, met: null },
    ]);
  });
});
