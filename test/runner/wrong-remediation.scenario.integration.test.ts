import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios } from '../../src/index.ts';
import { defaultRunbookPath, loadRunbook } from '../../src/runbook/load-runbook.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// The harness must be able to fail: a runbook whose Redis restart starts
// Redis on the wrong port leaves the system broken, and the drill says so.
describe('redis-outage against a runbook whose restart uses the wrong port', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails, naming the step, its exit status and the unmet postcondition, in valid evidence', { timeout: 180_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-wrong-'));
    const original = await readFile(defaultRunbookPath, 'utf8');
    const mutated = original.replace('redis-server "$REDIS_CONF"\n', 'redis-server "$REDIS_CONF" --port "$((REDIS_PORT + 1))"\n');
    expect(mutated).not.toBe(original);
    const runbookFile = join(dir, 'RUNBOOK.md');
    await writeFile(runbookFile, mutated);
    const reportDir = join(dir, 'reports');
    // The alerts are proven by the gate; here they would only delay the remediation under test by their `for`,
    // and with Redis left down no order can be filled: no need to wait 15 s to count them.
    const scenario = { ...redisOutage, alerts: { fire: [], quiet: [] }, integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }) };
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      reportDir,
      runbook: await loadRunbook(runbookFile),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons[0]).toMatch(
      /^runbook step "redis\.restart" exited with status 1: redis did not answer PING on port \d+ within 10 s; its postcondition "redis answers PING on \$REDIS_PORT" does not hold/,
    );
    expect(result?.measured.detectMs).not.toBeNull();
    expect(result?.measured.recoveryMs).toBeNull();
    expect(result?.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['fault.injected', 'step.failed', 'fault.reverted', 'scenario.finished']),
    );
    const written = JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'));
    expect(evidenceProblems(written)).toEqual([]);
    expect(written.runbook).toMatchObject({
      path: expect.stringContaining('RUNBOOK.md'),
      version: '1.1.0',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The Redis the wrong step started on another port is torn down with the environment.
    expect(await findTaggedProcesses(result!.environment!)).toEqual([]);
  });
});
