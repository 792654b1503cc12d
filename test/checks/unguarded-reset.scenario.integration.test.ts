import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import exchangeRateLimit, { rateGateResetStep } from '../../scenarios/exchange-rate-limit.ts';
import { localRuntime, runScenarios } from '../../src/index.ts';

// The runbook says: reset the rate gate only if the exchange is already
// blocking. A step that drops the guard still repairs the ban, but the
// negative control catches it wiping the gate while the exchange is normal.
const unguarded = {
  ...rateGateResetStep,
  run: 'echo "resetting the rate gate"\nredis-cli -p "$REDIS_PORT" DEL rategate:mock:bucket rategate:mock:strikes',
};

describe('exchange-rate-limit with an unguarded rate-gate reset', () => {
  let reportDir: string;
  afterAll(() => rm(reportDir, { recursive: true, force: true }));

  it('fails on the guard check, and only on it', { timeout: 180_000 }, async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'firedrill-unguarded-'));
    const scenario = { ...exchangeRateLimit, remediation: [unguarded] };
    const { evidence } = await runScenarios([scenario], { runtime: localRuntime, reportDir, signal: new AbortController().signal });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons).toEqual([
      expect.stringMatching(
        /^check "step "rate-gate\.reset" resets the rate gate only while the exchange is blocking" failed: .*planted strike was wiped/,
      ),
    ]);
  });
});
