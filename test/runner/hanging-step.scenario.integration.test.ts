import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios } from '../../src/index.ts';
import { stepGraceMs } from '../../src/runbook/execute-step.ts';
import { defaultRunbookPath, loadRunbook } from '../../src/runbook/load-runbook.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';

// The operator's classic mistake: Redis restarted in the foreground. The step
// must end at its timeout (plus the grace between SIGTERM and SIGKILL), and the
// scenario fail naming it; a Redis started in the background instead restores
// service, and is named in the evidence and ended when the scenario ends.
// Tolerance past timeout + grace: 1.5 s for polling on a loaded machine.
const timeoutMs = 5_000;
const toleranceMs = 1_500;
const original = 'redis-server "$REDIS_CONF"\n';
const scenario = { ...redisOutage, alerts: { fire: [], quiet: [] }, integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }) };

describe('redis-outage with a Redis restart that does not daemonize', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-hanging-step-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function runWith(name: string, restart: string) {
    const text = await readFile(defaultRunbookPath, 'utf8');
    const mutated = text
      .replace('{id=redis.restart timeout=20s}', `{id=redis.restart timeout=${timeoutMs / 1000}s}`)
      .replace(original, restart);
    expect(mutated).not.toBe(text);
    const runbookFile = join(dir, `${name}.md`);
    await writeFile(runbookFile, mutated);
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      reportDir: join(dir, name),
      runbook: await loadRunbook(runbookFile),
      signal: new AbortController().signal,
    });
    return evidence.scenarios[0]!;
  }

  it('in the foreground: the step ends at its timeout and the scenario fails naming it', { timeout: 120_000 }, async () => {
    const result = await runWith('foreground', 'redis-server "$REDIS_CONF" --daemonize no\n');
    expect(result.verdict).toBe('failed');
    const timedOutAfter = Number(/^runbook step "redis\.restart" timed out after (\d+) ms/.exec(result.reasons[0] ?? '')?.[1]);
    expect(timedOutAfter, result.reasons[0]).toBeGreaterThanOrEqual(timeoutMs);
    expect(timedOutAfter).toBeLessThan(timeoutMs + stepGraceMs + toleranceMs);
    expect(result.steps[0]?.leftRunning).toBeUndefined();
    expect(await findTaggedProcesses(result.environment!)).toEqual([]);
  });

  it('in the background: service comes back; the step names the Redis it left, which ends with the scenario', {
    timeout: 120_000,
  }, async () => {
    const result = await runWith('background', 'nohup redis-server "$REDIS_CONF" --daemonize no > /dev/null 2>&1 &\n');
    expect(result.verdict, result.reason).toBe('passed');
    expect(result.steps[0]?.leftRunning).toEqual([expect.objectContaining({ command: expect.stringMatching(/^redis-server/) })]);
    const ended = result.timeline.find((e) => e.kind === 'steps.leftovers-ended');
    expect(ended?.detail).toMatchObject({ processes: [expect.objectContaining({ stepId: 'redis.restart' })] });
    expect(await findTaggedProcesses(result.environment!)).toEqual([]);
  });
});
