/**
 * The log pipeline of a provisioned environment, checked the same way on
 * every runtime: logs arrive, Prometheus scrapes the sink and the shipper,
 * a stall on the shipper→log-sink link shows as a growing lag, the
 * runbook's own steps check it and restart the shipper while the stall is
 * still on, and after the stall no line is lost or stored twice.
 */
import { expect } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { logLag } from '../../src/faults/log-lag.ts';
import { ingestionLagAbove, ingestionLagBelow } from '../../src/probes/log-ingestion-lag.ts';
import { isShippedLogFile } from '../../fixtures/ats/log-shipper/shipped-files.ts';
import { shippedLogsIntegrity } from '../../src/probes/log-integrity.ts';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { query } from './monitoring-checks.ts';

export interface LogPipelineMeasurements {
  /** Fault injected → the sink's lag above 3 s. */
  readonly lagAbove3sMs: number;
  /** The runbook's shipper restart, run while the link stalls. */
  readonly restartMs: number;
  /** Fault reverted → the sink's lag below 2 s again. */
  readonly caughtUpMs: number;
  readonly integrity: string;
}

const context = (env: Environment) => ({ env, signal: new AbortController().signal }) as unknown as ProbeContext;

export async function holds(env: Environment, probe: Probe, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await waitUntil(async () => (await probe.observe(context(env))).ok, { what: probe.name, timeoutMs, intervalMs: 100 });
  return performance.now() - started;
}

/** Prometheus scrapes log-sink and log-shipper (up == 1), and sees the sink's lag. */
export async function logPipelineScraped(env: Environment): Promise<void> {
  await waitUntil(
    async () => {
      const up = await query(env, 'up{job=~"log-sink|log-shipper"} == 1');
      const lag = await query(env, 'loki_ingestion_lag_seconds');
      return up.length === 2 && lag.length === 1;
    },
    { what: 'up == 1 for log-sink and log-shipper, and loki_ingestion_lag_seconds', timeoutMs: 15_000, intervalMs: 250 },
  );
}

/** The runbook step `id` as written (the environment's runtime variant), run with the environment's variables. */
export async function runRunbookStep(env: Environment, id: string): Promise<StepTranscript> {
  const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
  const step = toRunbookStep(runbook, stepById(runbook, id, env.runtime));
  return executeStep(step, { variables: env.variables(), secrets: env.secrets(), cwd: env.variables().FIREDRILL_SANDBOX ?? '/tmp' });
}

export async function stallRestartAndCatchUp(env: Environment): Promise<LogPipelineMeasurements> {
  await holds(env, ingestionLagBelow(2), 15_000); // canaries arrive
  const injectedAt = performance.now();
  const injected = await logLag().inject(env, new AbortController().signal);
  let lagAbove3sMs: number;
  let restartMs: number;
  try {
    await holds(env, ingestionLagAbove(3), 15_000);
    lagAbove3sMs = performance.now() - injectedAt;
    const check = await runRunbookStep(env, 'logs.lag-check');
    expect({ exitCode: check.exitCode, stderr: check.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(check.stdout).toMatch(/^shipper_pending_lines\{[^}]*\} [1-9]/m); // the backlog the stall holds up
    const shipperPid = await env.service('log-shipper').pid();
    const restart = await runRunbookStep(env, 'logs.restart-shipper');
    expect({ exitCode: restart.exitCode, stderr: restart.stderr }).toMatchObject({ exitCode: 0 });
    restartMs = restart.durationMs;
    expect(await env.service('log-shipper').pid()).not.toBe(shipperPid);
  } finally {
    await injected.revert();
  }
  const revertedAt = performance.now();
  await holds(env, ingestionLagBelow(2), 20_000);
  const caughtUpMs = performance.now() - revertedAt;
  const found = await shippedLogsIntegrity({ drainMs: 15_000, isShipped: isShippedLogFile })(context(env));
  expect(found, found.detail).toMatchObject({ lost: 0, duplicated: 0 });
  // Neither the start (Prometheus scrapes before the services listen) nor the shipper's restart is a ServiceDown page.
  expect(await query(env, 'ALERTS{alertname="ServiceDown", alertstate="firing"}')).toEqual([]);
  return { lagAbove3sMs, restartMs, caughtUpMs, integrity: found.detail };
}
