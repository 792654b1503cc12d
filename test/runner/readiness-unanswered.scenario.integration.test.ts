import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pgPoolExhaustion from '../../scenarios/pg-pool-exhaustion.ts';
import { acknowledgedOrdersIntegrity, runScenarios } from '../../src/index.ts';
import { localRuntimeWithGatewayFaults } from '../support/gateway-test-faults.ts';

// Detection is the system's own answer. A gateway whose /readyz runs its
// checks and then answers 200 whatever they found (the test-only fault
// readyz-always-ready) takes 1.5 s to say "ready" while its pool is exhausted:
// a probe that gave up sooner used to count that as "stopped answering 200".
// Now the probe waits 3 s, sees the 200, and the scenario fails on detection.
describe('pg-pool-exhaustion against a gateway whose /readyz always answers 200', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails naming detection, with the probe timeout and the answer it saw in the evidence', { timeout: 240_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-always-ready-'));
    // The alerts are proven by the gate; here they would only delay the steps. A shorter drain: nothing under test there.
    // A miss is a miss: the overrun past the detection target is cut to 2 s.
    const scenario = {
      ...pgPoolExhaustion,
      alerts: { fire: [], quiet: [] },
      integrity: acknowledgedOrdersIntegrity({ drainMs: 10_000 }),
      timeouts: { ...pgPoolExhaustion.timeouts, overrunMs: 2_000 },
    };
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntimeWithGatewayFaults(['readyz-always-ready']),
      reportDir: join(dir, 'reports'),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.measured.detectMs).toBeNull();
    expect(result?.reasons).toContain('fault not detected (target 5000 ms)');
    const missed = result?.timeline.find((e) => e.kind === 'detection.missed');
    // The probe waited for the answer and saw the 200. What the body said varies: the check waits 1.5 s for a pool
    // client, and the writes blocked by the stuck client give theirs back at their 4 s statement_timeout (a slow
    // machine sends fewer orders to queue ahead of the check), so the last answer may say ready:true (seen once in a
    // scenarios-project run at load 5). Detection wants "not ready", in time: neither 200 counts.
    expect(missed?.detail).toMatchObject({
      signal: 'order-gateway /readyz answers not ready, naming postgres',
      last: expect.stringMatching(/^\/readyz answered 200 in \d+ ms \(probe timeout 3000 ms\): \{"ready":(false|true),/),
    });
  });
});
