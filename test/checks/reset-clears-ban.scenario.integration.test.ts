import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import exchangeRateLimit from '../../scenarios/exchange-rate-limit.ts';
import { localRuntime, runScenarios } from '../../src/index.ts';
import { defaultRunbookPath, loadRunbook } from '../../src/runbook/load-runbook.ts';

// A realistic operator mistake: the rate-gate reset also deletes the gateway's
// record of the ban (rategate:mock:blocked_until), which the runbook says never
// to do. The gateway then sends into the ban, the exchange extends it, and the
// storm check names the requests that hit the banned exchange.
describe('exchange-rate-limit with a reset that clears the record of the ban', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails on the storm check, naming the requests sent into the ban', { timeout: 180_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-clears-ban-'));
    const original = await readFile(defaultRunbookPath, 'utf8');
    const mutated = original.replace(
      'DEL rategate:mock:bucket rategate:mock:strikes\n',
      'DEL rategate:mock:bucket rategate:mock:strikes rategate:mock:blocked_until\n',
    );
    expect(mutated).not.toBe(original);
    const runbookFile = join(dir, 'RUNBOOK.md');
    await writeFile(runbookFile, mutated);
    // The alert is proven by the gate; here it would only delay the reset under test. The ban the
    // extra sends extend may outlast the recovery target: a miss is a miss, the overrun is cut to 2 s.
    const scenario = {
      ...exchangeRateLimit,
      alerts: { fire: [], quiet: [] },
      timeouts: { ...exchangeRateLimit.timeouts, overrunMs: 2_000 },
    };
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      reportDir: join(dir, 'reports'),
      runbook: await loadRunbook(runbookFile),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    const storm = result?.reasons.find((r) => r.startsWith('check "no request reaches the exchange during a ban'));
    // Whichever of the gateway's senders wakes first hits the ban: the dispatcher (an order, which extends it) or the readiness ping.
    expect(storm).toMatch(
      /failed: [1-9]\d* request\(s\) reached the exchange after it had answered 418, extending the ban \d+ time\(s\): /,
    );
    expect(storm).toMatch(/(POST \/api\/v1\/order|GET \/api\/v1\/ping) from "ats-gateway" at \d{4}-\S+Z/);
    expect(storm).toContain('1 guard probe(s) of "rate-gate.reset" left out');
  });
});
