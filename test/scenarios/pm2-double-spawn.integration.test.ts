import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import pm2DoubleSpawn from '../../scenarios/pm2-double-spawn.ts';
import { localRuntime, runScenarios } from '../../src/index.ts';

// pm2-double-spawn as shipped, on the local runtime: it must pass, and its
// negative control (the ecosystem file changed again, then `pm2 restart all`)
// must record what that did, measured: PM2's version, the gateway's processes
// and the exchange's duplicates. The check failing is proven by
// pm2-double-spawn-second-gateway.scenario.integration.test.ts.
// Named *.integration.test.ts, not *.scenario.integration.test.ts, so that it runs alone (the integration
// project): it must pass a 30 s recovery target, and beside two other environments on two cores it recovered in
// 31.7 s (session 17's clean-clone CI) and 37.7 s (session 18's, the test taking 147 s instead of about 50).
let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('passes: the runbook leaves one gateway, the exchange sees no order twice; pm2 restart all is measured', {
  timeout: 180_000,
}, async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-pm2-double-spawn-'));
  const { evidence } = await runScenarios([pm2DoubleSpawn], {
    runtime: localRuntime,
    reportDir: dir,
    signal: new AbortController().signal,
  });
  const [result] = evidence.scenarios;
  // Its 30 s recovery target was missed only under load: the measured figures, every run.
  console.log(`pm2-double-spawn measured: ${JSON.stringify(result?.measured)}`);
  expect(result?.reasons, JSON.stringify(result?.checks)).toEqual([]);
  expect(result?.verdict).toBe('passed');
  expect(result?.measured).toMatchObject({ dataLoss: 0, duplicates: 0 });
  const control = result?.checks.find((check) => check.name.startsWith('negative control'));
  expect(control?.detail).toMatch(
    /^given rename order-gateway's PM2 app ats-order-gateway to order-gateway-v3 .*: ran `pm2 restart all` \(exit 0 in \d+ ms\); afterwards holds: PM2's version[^:]*: PM2 \d+\.\d+\.\d+; /,
  );
  expect(control?.detail).toMatch(/order-gateway: \d+ process(es)? in \d+ looks over 4000 ms: pid \d+ as /);
  expect(control?.detail).toMatch(/the exchange saw \d+ duplicate submission\(s\)/);
  console.log(`pm2-double-spawn: ${control?.detail}`);
});
