import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { dockerRuntime, localRuntime, type Runtime, runScenarios } from '../../src/index.ts';
import { defaultRulesDir } from '../../src/runtime/local/prometheus-server.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// A scenario that expects an alert must fail when the rule cannot fire: here
// RedisDown's threshold is mutated (`== 0` → `< 0`, which a 0/1 gauge never
// meets). The environments load the mutated copy through FIREDRILL_ALERT_RULES
// (what `firedrill run --alert-rules DIR` sets). The overrun past the alert's
// 15 s target is cut to 2 s: a miss is a miss, waiting longer proves nothing.
const scenario = { ...redisOutage, timeouts: { ...redisOutage.timeouts, overrunMs: 2_000 } };

describe.each<[string, Runtime]>([
  ['local', localRuntime],
  ['docker', dockerRuntime],
])('redis-outage with a mutated RedisDown threshold (%s runtime)', (_, runtime) => {
  let dir: string;
  const before = process.env.FIREDRILL_ALERT_RULES;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-mutated-rules-'));
    const file = join(dir, 'rules', 'ats-alerts.yml');
    await mkdir(join(dir, 'rules'));
    const original = await readFile(join(defaultRulesDir, 'ats-alerts.yml'), 'utf8');
    const mutated = original.replace('expr: gateway_dependency_up{dependency="redis"} == 0 or redis_up == 0', 'expr: gateway_dependency_up{dependency="redis"} < 0 or redis_up < 0');
    expect(mutated).not.toBe(original);
    await writeFile(file, mutated);
    process.env.FIREDRILL_ALERT_RULES = join(dir, 'rules');
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.FIREDRILL_ALERT_RULES;
    else process.env.FIREDRILL_ALERT_RULES = before;
    await rm(dir, { recursive: true, force: true });
  });

  it('fails, naming the alert that did not fire, while the unmutated alert still fires and pages', { timeout: 180_000 }, async () => {
    const { evidence } = await runScenarios([scenario], { runtime, reportDir: join(dir, 'reports'), signal: new AbortController().signal });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons).toEqual([expect.stringMatching(/^alert RedisDown did not fire within 15000 ms \(last seen: no RedisDown alert active\)$/)]);
    const notReady = result?.measured.alerts.find((a) => a.alert === 'GatewayNotReady');
    expect(notReady?.firedMs).toBeLessThanOrEqual(15_000);
    expect(notReady?.notified).toContain('pagerduty P7X2K9Q');
    expect(evidence.alertRules?.files.map((f) => f.path)).toEqual([expect.stringContaining(join(dir, 'rules', 'ats-alerts.yml').slice(1))]);
    expect(evidenceProblems(JSON.parse(await readFile(join(dir, 'reports', 'latest', 'evidence.json'), 'utf8')))).toEqual([]);
  });
});
