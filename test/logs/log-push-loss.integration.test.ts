import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import logPushLossScenario, { loadLinesPerSec } from '../../scenarios/log-push-loss.ts';
import { isShippedLogFile } from '../../fixtures/ats/log-shipper/shipped-files.ts';
import {
  acknowledgedOrdersIntegrity,
  combinedIntegrity,
  ingestionLagAbove,
  localRuntime,
  logPushLoss,
  logVolume,
  runScenarios,
  type Runtime,
  type Scenario,
  shippedLogsIntegrity,
  type ScenarioResult,
  transient,
} from '../../src/index.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { localRuntimeWithServiceEnv } from '../support/service-env-runtime.ts';

// log-push-loss claims that restarting the shipper while its pushes are lost
// loses no line. That claim can fail: the fault throws the pushes away, so a
// shipper that saves its positions when it sends a batch (before Loki
// acknowledged it) loses the batch in flight across the restart. The
// reference shipper passes under both lossy faults (dropped bytes, a reset as
// a push starts); the broken one, through the fixture's test-only switch
// SHIPPER_TEST_ONLY_SAVE_POSITIONS=on-send (set in its environments' PM2 app
// only, so local runtime only), fails under both, naming how many lines it
// lost. A restart step that restarts nothing fails its postcondition. Five
// runs in four lanes side by side: the scenario as it is (reference, and the
// no-op restart, which needs the shipper to have run over 20 s before the
// step) each in a lane, the rest quickened (two of them one after the other,
// together about as long as a whole run).
const onSend = localRuntimeWithServiceEnv('log-shipper', { SHIPPER_TEST_ONLY_SAVE_POSITIONS: 'on-send' });

/** The runbook's restart replaced by a no-op: the shipper keeps running, as if `pm2 restart` had hit another name. */
function withNoOpRestart(): Scenario {
  const remediation = logPushLossScenario.remediation.map((step) => (step.id === 'logs.restart-shipper' ? { ...step, run: 'true' } : step));
  return { ...logPushLossScenario, remediation };
}

/**
 * Quickened, to spare the suite: pushes lost for 15 s, detection at a 5 s lag,
 * no health check (it needs a 30 s lag); the restart still runs while pushes
 * are lost. `mode` picks the loss: dropped bytes or a reset as a push starts.
 */
function quick(mode: 'drop' | 'reset', logDrainMs = 30_000): Scenario {
  const { healthCheck: _healthCheck, ...rest } = logPushLossScenario;
  return {
    ...rest,
    integrity: combinedIntegrity(
      acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
      shippedLogsIntegrity({ drainMs: logDrainMs, isShipped: isShippedLogFile }),
    ),
    id: `log-push-loss-quick-${mode}`,
    faults: [
      transient(logVolume({ linesPerSec: loadLinesPerSec, settleMs: 2_000 }), quickLossMs + 5_000),
      transient(logPushLoss({ mode, closeAfterMs: 1_000 }), quickLossMs),
    ],
    detection: ingestionLagAbove(5),
    targets: { ...logPushLossScenario.targets, detectMs: 15_000 },
  };
}
const quickLossMs = 15_000;

describe('log-push-loss (local runtime)', () => {
  let dir: string;
  const results = new Map<string, ScenarioResult>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-log-push-loss-'));
    const run = async (name: string, scenario: Scenario, runtime: Runtime = localRuntime): Promise<void> => {
      const reportDir = join(dir, name);
      const { evidence } = await runScenarios([scenario], { runtime, reportDir, signal: new AbortController().signal });
      expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'))), name).toEqual([]);
      const result = evidence.scenarios[0]!;
      console.log(name, result.verdict, result.measured, result.integrity, result.reasons);
      results.set(name, result);
    };
    const started = performance.now();
    // Lines lost stay lost: for the broken shipper a 10 s drain proves it as well as 30 s would.
    await Promise.all([
      run('reference-drop', logPushLossScenario),
      run('no-op-restart', withNoOpRestart()),
      run('reference-reset', quick('reset')).then(() => run('on-send-drop', quick('drop', 10_000), onSend)),
      run('on-send-reset', quick('reset', 10_000), onSend),
    ]);
    console.log(`five log-push-loss runs in four lanes: ${Math.round((performance.now() - started) / 1000)} s`);
  }, 300_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the reference shipper loses nothing under dropped pushes and under resets; a no-op restart fails its postcondition', () => {
    for (const name of ['reference-drop', 'reference-reset']) {
      const result = results.get(name)!;
      expect(result.reasons, name).toEqual([]);
      expect(result.verdict, name).toBe('passed');
      expect(result.integrity).toMatch(/ \d{4,} log lines written to \d+ files in .*: 0 not stored by the log sink .*, 0 stored twice$/);
    }
    const noOp = results.get('no-op-restart')!;
    expect(noOp.verdict).toBe('failed');
    expect(noOp.reasons[0]).toMatch(
      /^runbook step "logs\.restart-shipper" ran \(exit 0\) but its postcondition "log-shipper \/healthz answers 200, and log-shipper's process started within the last 20000 ms" did not hold within 10000 ms \(last seen: [\s\S]*; log-shipper \(pid \d+\) started \d+ ms ago\)/,
    );
  });

  it('a shipper saving its positions on send fails, naming the lines it lost', () => {
    for (const name of ['on-send-drop', 'on-send-reset']) {
      const result = results.get(name)!;
      expect(result.verdict, name).toBe('failed');
      const lost = Number(/: (\d+) not stored by the log sink/.exec(result.integrity ?? '')?.[1]);
      expect(lost, result.integrity).toBeGreaterThan(0);
      expect(result.integrity).toMatch(/not stored by the log sink after a drain of up to 10000 ms \(.*log-load\.log: \d+/);
      expect(result.reasons).toContain(`${lost} acknowledged record(s) lost, target 0`);
    }
  });
});
