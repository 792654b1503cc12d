import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { dockerRuntime, localRuntime, type Runtime, runScenarios } from '../../src/index.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { failUnderCi, underCi } from '../support/docker-required.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// A scenario that expects an alert must fail when the rule cannot fire: here
// RedisDown's threshold is mutated (`== 0` → `< 0`, which a 0/1 gauge never
// meets). The environments load the mutated copy through runScenarios'
// alertRulesDir option (what `firedrill run --alert-rules DIR` passes). The overrun past the alert's
// 15 s target is cut to 2 s: a miss is a miss, waiting longer proves nothing.
// Both runtimes at once (docker where an engine and the images exist).
const scenario = { ...redisOutage, timeouts: { ...redisOutage.timeouts, overrunMs: 2_000 } };
const dockerUnavailable = await dockerRuntimeUnavailable('mutated rule on the docker runtime');
const runtimes: readonly Runtime[] = [localRuntime, ...(dockerUnavailable === undefined ? [dockerRuntime] : [])];
if (dockerUnavailable !== undefined && underCi)
  failUnderCi('redis-outage with a mutated RedisDown threshold (docker runtime)', dockerUnavailable);

describe(`redis-outage with a mutated RedisDown threshold (${runtimes.map((r) => r.name).join(' and ')})`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-mutated-rules-'));
    await mkdir(join(dir, 'rules'));
    const original = await readFile(join(defaultAlertRulesDir, 'ats-alerts.yml'), 'utf8');
    const mutated = original.replace(
      'expr: gateway_dependency_up{dependency="redis"} == 0 or redis_up == 0',
      'expr: gateway_dependency_up{dependency="redis"} < 0 or redis_up < 0',
    );
    expect(mutated).not.toBe(original);
    await writeFile(join(dir, 'rules', 'ats-alerts.yml'), mutated);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails, naming the alert that did not fire, while the unmutated alert still fires and pages', { timeout: 180_000 }, async () => {
    await Promise.all(
      runtimes.map(async (runtime) => {
        const reportDir = join(dir, `reports-${runtime.name}`);
        const { evidence } = await runScenarios([scenario], {
          runtime,
          reportDir,
          alertRulesDir: join(dir, 'rules'),
          signal: new AbortController().signal,
        });
        const [result] = evidence.scenarios;
        expect(result?.verdict, runtime.name).toBe('failed');
        expect(result?.reasons, runtime.name).toEqual([
          expect.stringMatching(/^alert RedisDown did not fire within 15000 ms \(last seen: no RedisDown alert active\)$/),
        ]);
        const notReady = result?.measured.alerts.find((a) => a.alert === 'GatewayNotReady');
        expect(notReady?.firedMs, runtime.name).toBeLessThanOrEqual(15_000);
        expect(notReady?.notified, runtime.name).toContain('pagerduty P7X2K9Q');
        expect(
          evidence.alertRules?.files.map((f) => f.path),
          runtime.name,
        ).toEqual([join(dir, 'rules', 'ats-alerts.yml')]);
        expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), runtime.name).toEqual([]);
      }),
    );
  });
});
