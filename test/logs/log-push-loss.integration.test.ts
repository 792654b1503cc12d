import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import logPushLossScenario, { pushLossMs } from '../../scenarios/log-push-loss.ts';
import { localRuntime, logPushLoss, runScenarios, type Scenario, type ScenarioResult, transient } from '../../src/index.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';

// log-push-loss claims that restarting the shipper while its pushes are lost
// loses no line. That claim can fail: the fault throws the pushes away, so a
// shipper that saves its positions when it sends a batch (before Loki
// acknowledged it) loses the batch in flight across the restart. The
// reference shipper passes under both lossy faults (dropped bytes, a reset as
// a push starts); the broken one, through the fixture's test-only switch
// SHIPPER_TEST_ONLY_SAVE_POSITIONS=on-send (PM2 passes the harness's
// environment to the services, so local runtime only), fails under both,
// naming how many lines it lost. Two batches of two runs side by side.
const switchVariable = 'SHIPPER_TEST_ONLY_SAVE_POSITIONS';

function withResets(): Scenario {
  const [load] = logPushLossScenario.faults;
  return { ...logPushLossScenario, faults: [load!, transient(logPushLoss({ mode: 'reset' }), pushLossMs)] };
}

describe('log-push-loss (local runtime)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-log-push-loss-'));
  });
  afterAll(async () => {
    delete process.env[switchVariable];
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (name: string, scenario: Scenario): Promise<ScenarioResult> => {
    const reportDir = join(dir, name);
    const { evidence } = await runScenarios([scenario], { runtime: localRuntime, reportDir, signal: new AbortController().signal });
    expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), name).toEqual([]);
    const result = evidence.scenarios[0]!;
    console.log(name, result.verdict, result.measured, result.integrity, result.reasons);
    return result;
  };

  it('the reference shipper loses nothing under dropped pushes and under resets', { timeout: 300_000 }, async () => {
    delete process.env[switchVariable];
    const [dropped, reset] = await Promise.all([run('reference-drop', logPushLossScenario), run('reference-reset', withResets())]);
    for (const result of [dropped, reset]) {
      expect(result.reasons).toEqual([]);
      expect(result.verdict).toBe('passed');
      expect(result.integrity).toMatch(/ \d{4,} log lines written to \d+ files in .*: 0 not stored by the log sink .*, 0 stored twice$/);
    }
  });

  it('a shipper saving its positions on send fails, naming the lines it lost', { timeout: 300_000 }, async () => {
    process.env[switchVariable] = 'on-send';
    try {
      const [dropped, reset] = await Promise.all([run('on-send-drop', logPushLossScenario), run('on-send-reset', withResets())]);
      for (const result of [dropped, reset]) {
        expect(result.verdict).toBe('failed');
        const lost = Number(/: (\d+) not stored by the log sink/.exec(result.integrity ?? '')?.[1]);
        expect(lost, result.integrity).toBeGreaterThan(0);
        expect(result.integrity).toMatch(/not stored by the log sink after a drain of up to 30000 ms \(.*log-load\.log: \d+/);
        expect(result.reasons).toContain(`${lost} acknowledged record(s) lost, target 0`);
      }
    } finally {
      delete process.env[switchVariable];
    }
  });
});
