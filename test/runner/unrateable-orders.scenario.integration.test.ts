import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { runScenarios } from '../../src/index.ts';
import { localRuntimeWithGatewayFaults } from '../support/gateway-test-faults.ts';

// redis-outage promises that the gateway refuses orders it cannot rate-limit.
// A gateway that acknowledges them anyway (the test-only fault
// ack-without-rate-gate: it skips its check of the Redis connection) must
// fail the scenario, naming the broken promise.
describe('redis-outage against a gateway that acknowledges orders while Redis is down', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails on the refusal probe, and only on it', { timeout: 180_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-unrateable-'));
    const { evidence } = await runScenarios([redisOutage], {
      runtime: localRuntimeWithGatewayFaults(['ack-without-rate-gate']),
      reportDir: join(dir, 'reports'),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons).toEqual([
      expect.stringMatching(
        /^between the fault and the recovery, "no order acknowledged while redis cannot be consulted \(no PONG on \$REDIS_PORT\)" did not hold at \+[\d.]+s: [1-9]\d* of \d+ order\(s\) requested in the \d+ ms since .* were acknowledged/,
      ),
    ]);
    expect(result?.measured.detectMs).not.toBeNull();
    expect(result?.measured.dataLoss).toBe(0);
  });
});
