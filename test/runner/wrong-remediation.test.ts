import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import redisOutage, { redisRestartStep } from '../../scenarios/redis-outage.ts';
import { localRuntime, runScenarios } from '../../src/index.ts';
import { findTaggedProcesses } from '../../src/runtime/local/tagged-processes.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// The harness must be able to fail: a runbook step that restarts Redis on the
// wrong port exits 0, yet the system is not repaired.
const wrongPort = { ...redisRestartStep, run: 'redis-server "$REDIS_CONF" --port "$((REDIS_PORT + 1))"' };
const broken = { ...redisOutage, remediation: [wrongPort] };

describe('a scenario whose remediation is wrong', () => {
  let reportDir: string;
  afterAll(() => rm(reportDir, { recursive: true, force: true }));

  it('fails, with a reason that names the step and its unmet postcondition, in valid evidence', { timeout: 180_000 }, async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'firedrill-wrong-'));
    const { evidence } = await runScenarios([broken], { runtime: localRuntime, reportDir, signal: new AbortController().signal });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons[0]).toMatch(/^runbook step "redis\.restart" ran \(exit 0\) but its postcondition "redis answers PING on \$REDIS_PORT" did not hold within 5000 ms/);
    expect(result?.measured.detectMs).not.toBeNull();
    expect(result?.measured.recoveryMs).toBeNull();
    expect(result?.steps).toEqual([expect.objectContaining({ stepId: 'redis.restart', exitCode: 0 })]);
    expect(result?.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['fault.injected', 'step.failed', 'fault.reverted', 'scenario.finished']));
    const written = JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    // The Redis the wrong step started on another port is torn down with the environment.
    expect(await findTaggedProcesses(result!.environment!)).toEqual([]);
  });
});
