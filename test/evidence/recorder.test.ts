import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvidenceRecorder } from '../../src/evidence/recorder.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

const result: ScenarioResult = {
  id: 'redis-outage',
  title: 'Redis dies',
  verdict: 'failed',
  reason: 'detected after 6000 ms, target 5000 ms',
  reasons: ['detected after 6000 ms, target 5000 ms'],
  targets: { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 },
  measured: {
    detectMs: 6000,
    recoveryMs: 1200,
    outageMs: 7200,
    dataLoss: 0,
    duplicates: 0,
    alerts: [{ alert: 'RedisDown', withinMs: 20_000, firedMs: 11_000, detail: 'RedisDown firing', notified: ['pagerduty P7X2K9Q'] }],
  },
  controls: ['c'],
  faults: ['SIGKILL redis'],
  steps: [{ stepId: 'redis.restart', command: 'redis-server', exitCode: 0, timedOut: false, stdout: '', stderr: '', durationMs: 40 }],
  checks: [],
  timeline: [{ t: 0, at: new Date().toISOString(), kind: 'scenario.started', detail: {} }],
};
const start = {
  runId: 'run-1',
  startedAt: new Date().toISOString(),
  harness: { version: '0.1.0', commit: 'abc' },
  runbook: null,
  runtime: 'local' as const,
};

describe('evidence recorder', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes evidence.json after every scenario and mirrors the finished run into latest/', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-evidence-'));
    const recorder = await createEvidenceRecorder(dir, start);
    await recorder.add(result);
    const partial = JSON.parse(await readFile(join(dir, 'run-1', 'evidence.json'), 'utf8'));
    expect(partial.finishedAt).toBeNull();
    expect(partial.scenarios).toHaveLength(1);
    await recorder.finish();
    const latest = JSON.parse(await readFile(join(dir, 'latest', 'evidence.json'), 'utf8'));
    expect(latest.finishedAt).not.toBeNull();
    expect(evidenceProblems(latest)).toEqual([]);
  });

  it('redacts every file it writes: the secrets of every environment so far, in every scenario, and what looks like one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-evidence-'));
    const recorder = await createEvidenceRecorder(dir, start);
    const leaky = (secret: string): ScenarioResult => ({
      ...result,
      reason: `failed with ${secret}`,
      reasons: [`failed with ${secret}`],
      steps: [{ ...result.steps[0]!, stdout: `pw ${secret} token=abc123xyz`, stderr: 'Authorization: Bearer e30.e30.sig' }],
      timeline: [{ t: 0, at: new Date().toISOString(), kind: 'scenario.errored', detail: { error: `at ${secret}` } }],
    });
    await recorder.add(leaky('second-env-password'), ['first-env-password']);
    await recorder.add(leaky('first-env-password'), ['second-env-password']);
    const evidence = await recorder.finish();
    for (const file of [join(dir, 'run-1', 'evidence.json'), join(dir, 'latest', 'evidence.json')]) {
      const text = await readFile(file, 'utf8');
      for (const leak of ['first-env-password', 'second-env-password', 'abc123xyz', 'e30.e30.sig']) expect(text, file).not.toContain(leak);
      expect(evidenceProblems(JSON.parse(text))).toEqual([]);
    }
    expect(JSON.stringify(evidence)).not.toMatch(/env-password|abc123xyz/);
    expect(evidence.scenarios[0]?.steps[0]?.stdout).toBe('pw [REDACTED] token=[REDACTED]');
  });

  it('the schema rejects a non-passed verdict without a reason, and a bad verdict', () => {
    const { reason: _, ...noReason } = result;
    const doc = { schema: 'firedrill.evidence/v1', ...start, finishedAt: null, scenarios: [noReason, { ...result, verdict: 'ok' }] };
    expect(evidenceProblems(doc)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'reason'"),
        expect.stringContaining('/scenarios/1/verdict'),
      ]),
    );
  });
});
