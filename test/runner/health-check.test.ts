import { describe, expect, it } from 'vitest';
import type { StepTranscript } from '../../src/runbook/step.ts';
import { judgeHealthCheck } from '../../src/runner/phases/health-check.ts';

const transcript = (over: Partial<StepTranscript>): StepTranscript => ({
  stepId: 'health.check',
  command: 'check',
  exitCode: 0,
  timedOut: false,
  stdout: '',
  stderr: '',
  durationMs: 300,
  ...over,
});
const failed = (stderr: string) => transcript({ exitCode: 1, stderr });
const healthyOutput = { ok: true, detail: 'stdout matches' };

describe('the health check during the fault', () => {
  it('holds when it fails naming the broken dependency, as a word, in any case', () => {
    expect(judgeHealthCheck(failed('UNHEALTHY redis: no PONG from 127.0.0.1:6379'), 'during the fault', { failsNaming: 'redis' })).toEqual({
      ok: true,
      detail: 'it failed naming redis: "UNHEALTHY redis: no PONG from 127.0.0.1:6379"',
    });
    expect(
      judgeHealthCheck(failed('UNHEALTHY order-gateway not ready: Redis (PING timed out)'), 'during the fault', { failsNaming: 'redis' })
        .ok,
    ).toBe(true);
    expect(judgeHealthCheck(failed('UNHEALTHY log ingestion lag: 41 s'), 'during the fault', { failsNaming: 'log ingestion' }).ok).toBe(
      true,
    );
  });

  it('fails when it passes while the fault is on', () => {
    const seen = judgeHealthCheck(transcript({ stdout: 'all ATS services healthy', expectation: healthyOutput }), 'during the fault', {
      failsNaming: 'redis',
    });
    expect(seen).toEqual({ ok: false, detail: 'it passed while the fault was on: "all ATS services healthy"' });
  });

  it('fails when it blames something else, or only a longer word containing the name', () => {
    expect(judgeHealthCheck(failed('UNHEALTHY postgres: not accepting connections'), 'during the fault', { failsNaming: 'redis' })).toEqual(
      {
        ok: false,
        detail: 'it failed without naming redis: "UNHEALTHY postgres: not accepting connections"',
      },
    );
    expect(judgeHealthCheck(failed('UNHEALTHY predis-proxy down'), 'during the fault', { failsNaming: 'redis' }).ok).toBe(false);
  });

  it('fails when it times out, whatever it printed', () => {
    const seen = judgeHealthCheck(transcript({ exitCode: null, timedOut: true, durationMs: 30_004, stderr: 'redis' }), 'during the fault', {
      failsNaming: 'redis',
    });
    expect(seen).toEqual({ ok: false, detail: 'it timed out after 30004 ms: "redis"' });
  });

  it('counts an unmet expectation as failing even with exit 0', () => {
    const exitZero = transcript({ stdout: 'UNHEALTHY redis: slow', expectation: { ok: false, detail: 'no match' } });
    expect(judgeHealthCheck(exitZero, 'during the fault', { failsNaming: 'redis' }).ok).toBe(true);
  });
});

describe('the health check during a fault that breaks no system', () => {
  const expected = { passesDuringFault: 'a market shock breaks no system' };
  it('holds when it passes, saying why it must', () => {
    const seen = judgeHealthCheck(
      transcript({ stdout: 'all ATS services healthy', expectation: healthyOutput }),
      'during the fault',
      expected,
    );
    expect(seen).toEqual({ ok: true, detail: 'it passed, as it must (a market shock breaks no system): "all ATS services healthy"' });
  });
  it('fails when it blames a system', () => {
    expect(judgeHealthCheck(failed('UNHEALTHY risk: /healthz did not answer 200'), 'during the fault', expected)).toEqual({
      ok: false,
      detail:
        'it failed during a fault that breaks no system (a market shock breaks no system): "UNHEALTHY risk: /healthz did not answer 200"',
    });
  });
});

describe('the health check after recovery', () => {
  it('holds when it passes', () => {
    const seen = judgeHealthCheck(transcript({ stdout: 'all ATS services healthy', expectation: healthyOutput }), 'after recovery', {
      failsNaming: 'redis',
    });
    expect(seen).toEqual({ ok: true, detail: 'it passed: "all ATS services healthy"' });
  });

  it('fails when it still fails, quoting what it said', () => {
    expect(judgeHealthCheck(failed('UNHEALTHY exchange: blocking us'), 'after recovery', { failsNaming: 'exchange' })).toEqual({
      ok: false,
      detail: 'it still fails after recovery (exit 1): "UNHEALTHY exchange: blocking us"',
    });
    expect(
      judgeHealthCheck(transcript({ stdout: 'odd', expectation: { ok: false, detail: 'no match' } }), 'after recovery', {
        failsNaming: 'x',
      }).ok,
    ).toBe(false);
  });

  it('fails when it timed out, saying so rather than that it still fails', () => {
    const late = transcript({
      stdout: 'all ATS services healthy',
      exitCode: 0,
      timedOut: true,
      durationMs: 33_169,
      expectation: healthyOutput,
    });
    expect(judgeHealthCheck(late, 'after recovery', { failsNaming: 'logs' })).toEqual({
      ok: false,
      detail: 'it timed out after recovery (33169 ms): "all ATS services healthy"',
    });
  });
});
