import { describe, expect, it } from 'vitest';
import { junitXml } from '../../src/reporters/junit.ts';
import { parseJunit } from '../support/parse-junit.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { everyVerdict, handMadeEvidence, handMadeResult } from '../support/hand-made-evidence.ts';
import { junitSchemaErrors } from '../support/junit-validator.ts';

describe('junitXml', () => {
  const evidence = handMadeEvidence();
  const xml = junitXml(evidence, 'release-gate');
  const suite = parseJunit(xml);
  const testcase = (id: string) => suite.testcase.find((c) => c.name === id)!;

  it('is built from evidence that follows the evidence schema', () => {
    expect(evidenceProblems(evidence)).toEqual([]);
  });

  it('validates against the JUnit schema', async () => {
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });

  it('counts each verdict on the testsuite, with the run’s time and start', () => {
    expect(suite).toMatchObject({ name: 'release-gate', tests: '5', failures: '1', errors: '2', skipped: '1', time: '90.500' });
    expect(suite.timestamp).toBe(evidence.startedAt);
  });

  it('is one testcase per scenario, classname the runtime, time from its timeline', () => {
    expect(suite.testcase.map((c) => c.name)).toEqual(everyVerdict.map((r) => r.id));
    expect(testcase('redis-outage')).toMatchObject({ classname: 'firedrill.local', time: '12.345' });
    const passed = testcase('redis-outage');
    expect([passed.failure, passed.error, passed.skipped]).toEqual([undefined, undefined, undefined]);
  });

  it('gives a failed scenario a failure: its reason, then measured against each target', () => {
    const { failure } = testcase('postgres-failover');
    expect(failure).toBeDefined();
    expect(failure?.message).toBe('recovered after 41000 ms, target 30000 ms; step "pg.promote" exited 1');
    expect(failure?.text).toContain('recovery: 41000 ms (target 30000 ms)');
    expect(failure?.text).toContain('data loss: 2 (target 0)');
    expect(failure?.text).toContain('- step "pg.promote" exited 1');
  });

  it('adds the RTO against its target for a scenario that declares one, and judges recovery by the rollback target when declared', () => {
    const dr = handMadeResult({
      id: 'dr-restore',
      verdict: 'failed',
      reason: 'operational again 150000 ms after the loss, RTO target 120000 ms',
      targets: { detectMs: 5000, recoveryMs: 180_000, rollbackMs: 20_000, rtoMs: 120_000, dataLoss: 0 },
      measured: { ...everyVerdict[0]!.measured, recoveryMs: 140_000, rtoMs: 150_000 },
    });
    const text = parseJunit(junitXml(handMadeEvidence([dr]))).testcase[0]?.failure?.text;
    expect(text).toContain('\nrecovery: 140000 ms (target 20000 ms)\n');
    expect(text).toContain('\nRTO: 150000 ms (target 120000 ms)\n');
  });

  it('gives an aborted or errored scenario an error naming its verdict, and a skipped one why', () => {
    expect(testcase('steady-broken').error).toMatchObject({ type: 'aborted', message: 'steady state did not hold: gateway answered 503' });
    expect(testcase('no-engine').error).toMatchObject({ type: 'errored' });
    expect(testcase('pm2-double-spawn').skipped?.message).toBe('not applicable on the docker runtime (it runs on: local)');
    expect(testcase('pm2-double-spawn').time).toBe('0.000');
  });

  it('records the harness, runbook, config and runtime as properties', () => {
    const { properties } = suite;
    expect(properties).toMatchObject({
      'harness.version': '0.1.0',
      'harness.commit': evidence.harness.commit,
      'runbook.version': '1.4.0',
      'runbook.sha256': 'b'.repeat(64),
      'config.sha256': 'c'.repeat(64),
      runtime: 'local',
    });
  });

  it('escapes markup, quotes and control characters so the file still parses and validates', async () => {
    const reason = 'expected <order id="7"> & \'fill\' ]]> got\u0007 nothing\u0000\nsecond line';
    const odd = junitXml(handMadeEvidence([handMadeResult({ id: 'a<b>&"c"', verdict: 'failed', reason })]));
    expect(await junitSchemaErrors(odd)).toEqual([]);
    const { failure, name } = parseJunit(odd).testcase[0]!;
    expect(name).toBe('a<b>&"c"');
    expect(failure?.message).toBe('expected <order id="7"> & \'fill\' ]]> got\\u0007 nothing\\u0000 second line');
    expect(failure?.text).toContain('- expected <order id="7"> & \'fill\' ]]> got\\u0007 nothing\\u0000\nsecond line');
  });

  it('the schema check can fail: a count that is not a number, a testcase outside a testsuite', async () => {
    expect((await junitSchemaErrors(xml.replace('tests="5"', 'tests="five"')))[0]).toMatch(/tests.*not a valid value/);
    expect(await junitSchemaErrors('<testsuites><testcase name="x"/></testsuites>')).not.toEqual([]);
  });
});
