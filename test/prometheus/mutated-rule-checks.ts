/**
 * A scenario that expects an alert must fail when the rule cannot fire: here
 * RedisDown's threshold is mutated (`== 0` → `< 0`, which a 0/1 gauge never
 * meets). The environment loads the mutated copy through runScenarios'
 * alertRulesDir option (what `firedrill run --alert-rules DIR` passes). The
 * overrun past the alert's 15 s target is cut to 2 s: a miss is a miss,
 * waiting longer proves nothing. The same checks on each runtime, one file
 * each (mutated-rule-local, mutated-rule-docker).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import type { Runtime } from '../../src/index.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';

const scenario = { ...redisOutage, timeouts: { ...redisOutage.timeouts, overrunMs: 2_000 } };

/** The test, on one environment of `runtime` (inside a describe). */
export function mutatedRedisDownFails(runtime: Runtime): void {
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
    const { result, evidence } = await runOneScenario(scenario, { runtime, alertRulesDir: join(dir, 'rules') });
    expect(result.verdict).toBe('failed');
    expect(result.reasons).toEqual([
      // With how Prometheus' scrapes went meanwhile: on time here, so the rule, not the scraping, kept it quiet.
      expect.stringMatching(
        /^alert RedisDown did not fire within 15000 ms \(last seen: no RedisDown alert active; Prometheus' scrapes since the fault: .+\)$/,
      ),
    ]);
    const notReady = result.measured.alerts.find((a) => a.alert === 'GatewayNotReady');
    expect(notReady?.firedMs).toBeLessThanOrEqual(15_000);
    expect(notReady?.notified).toContain('pagerduty P7X2K9Q');
    expect(evidence.alertRules?.files.map((f) => f.path)).toEqual([join(dir, 'rules', 'ats-alerts.yml')]);
  });
}
