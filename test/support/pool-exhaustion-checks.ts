/**
 * Pool exhaustion on a provisioned environment, checked the same way on every
 * runtime against the real PostgreSQL: the fault really takes every slot
 * (counted in pg_stat_activity), the gateway's pool saturates and readiness
 * fails; the runbook's steps run as written (raising max_connections is pending
 * a restart and gives nothing back, ending the stuck sessions restores
 * service); revert leaves no session behind.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import createWorkload from '../../fixtures/ats/workload.ts';
import { refusedOrdersNotPersisted } from '../../src/checks/refused-orders-not-persisted.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { type Exhaustion, poolExhaustion, stuckClientName } from '../../src/faults/pool-exhaustion.ts';
import { gatewayPool } from '../../src/probes/gateway-pool.ts';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import { postgresAcceptsAppRole } from '../../src/probes/postgres-accepts-app-role.ts';
import { type ConnectionSlots, connectionSlots } from '../../src/probes/postgres-connection-slots.ts';
import { postgresExtensionInstalled } from '../../src/probes/postgres-extension-installed.ts';
import { postgresSettingInEffect } from '../../src/probes/postgres-setting.ts';
import type { Observation, ProbeContext } from '../../src/probes/probe.ts';
import { createSqlClient } from '../../src/probes/sql-client.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import type { Environment, Runtime } from '../../src/runtime/runtime.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { startOrderFlow } from '../../src/workload/order-flow.ts';
import { sampleOrderAnswers, summarizeAnswers } from './order-answers.ts';

export interface PoolExhaustionMeasurements {
  readonly exhaustion: Exhaustion;
  /** Lock taken → /readyz no longer 200. */
  readonly notReadyAfterMs: number;
  /** Who held the slots while the server was full. */
  readonly slots: ConnectionSlots;
  /** The gateway's answers to orders while the server was full. */
  readonly answers: readonly string[];
  /** db.terminate-stuck done → /readyz 200, the app role accepted and an order acknowledged. */
  readonly recoveredAfterMs: number;
  /** db.timescale-check's stderr, run as written while the server was full. */
  readonly timescaleCheck: string;
}

/** The fault's sessions must be idle in transaction for more than this before db.terminate-stuck ends them. */
const STUCK_AFTER_MS = 10_000;
const ORDERS_PER_SEC = 20;

export async function withOrderFlow<T>(env: Environment, work: (context: ProbeContext) => Promise<T>): Promise<T> {
  await using sql = createSqlClient(env.variables());
  // A patient client (10 s), to see what the gateway answers and when, rather than our own timeout.
  const orderFlow = startOrderFlow({
    workload: createWorkload({ variables: env.variables(), sql }),
    ordersPerSec: ORDERS_PER_SEC,
    requestTimeoutMs: 10_000,
    maxInFlight: 300,
  });
  const context: ProbeContext = { env, orderFlow, sql, signal: new AbortController().signal };
  try {
    await waitUntil(async () => orderFlow.acknowledgedWithin(1000) > 0 && (await readyzStatus(env)) === 200, {
      what: 'orders acknowledged and /readyz 200',
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    return await work(context);
  } finally {
    await orderFlow.stop();
  }
}

/**
 * A new connection as the application's role is refused. A slot another client frees (a superuser session
 * ending) is retaken by the fault within its retake interval: a probe may win that race, so it gets 2 s.
 */
async function refusedAppRole(context: ProbeContext): Promise<Observation> {
  return waitUntil(
    async () => {
      const seen = await postgresAcceptsAppRole().observe(context);
      return !seen.ok && seen;
    },
    { what: "PostgreSQL refusing a new connection as the application's role", timeoutMs: 2000, intervalMs: 100 },
  );
}

export async function readyzStatus(env: Environment): Promise<number | string> {
  return fetch(`${env.service('order-gateway').url}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
    (r) => r.status,
    (error: Error) => error.message,
  );
}

/** While full: every slot a non-superuser may use is taken, the fault's sessions idle in transaction, the gateway's 10 waiting on the lock. */
async function expectServerFull(context: ProbeContext, exhaustion: Exhaustion): Promise<ConnectionSlots> {
  const { env } = context;
  // A slot another client frees is retaken within the fault's retake interval (500 ms).
  const slots = await waitUntil(
    async () => {
      const seen = await connectionSlots(env);
      return seen.used === seen.maxConnections - seen.reservedForSuperusers && seen;
    },
    { what: 'every non-superuser connection slot in use', timeoutMs: 3000, intervalMs: 100 },
  );
  const stuck = slots.holders.filter((h) => h.application === stuckClientName);
  expect(stuck).toEqual([
    { user: env.variables().PGUSER, application: stuckClientName, state: 'idle in transaction', count: expect.any(Number) },
  ]);
  expect(stuck[0]!.count).toBeGreaterThanOrEqual(exhaustion.held);
  expect(
    slots.holders.find((h) => h.application === 'order-gateway' && h.state === 'active')?.count,
    "the gateway's pool, every connection waiting on the lock",
  ).toBe(10);
  expect(exhaustion.refusal.code).toBe('53300');
  const newConnection = await refusedAppRole(context);
  expect(newConnection.detail).toMatch(/^ats refused \(53300\): (sorry, too many clients already|remaining connection slots are reserved)/);
  const pool = await gatewayPool(env);
  expect(pool.total).toBe(pool.max);
  expect(pool.waiting).toBeGreaterThan(0);
  expect(await readyzStatus(env)).toBe(503);
  return slots;
}

export async function exhaustThenRunTheRunbook(env: Environment): Promise<PoolExhaustionMeasurements> {
  const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
  const execution = { variables: env.variables(), secrets: env.secrets(), cwd: env.variables().FIREDRILL_SANDBOX ?? tmpdir() };
  const step = (id: string): Promise<StepTranscript> => executeStep(toRunbookStep(runbook, stepById(runbook, id, env.runtime)), execution);
  return withOrderFlow(env, async (context) => {
    const injected = await poolExhaustion({ headStartMs: 1000 }).inject(env, context.signal);
    const lockedAt = performance.now();
    const sampler = sampleOrderAnswers(env.service('order-gateway').url!, 250, 10_000);
    try {
      await waitUntil(async () => (await readyzStatus(env)) !== 200, { what: '/readyz not 200', timeoutMs: 5000, intervalMs: 50 });
      const notReadyAfterMs = performance.now() - lockedAt;
      const exhaustion = await injected.exhausted;
      const exhaustedAt = lockedAt + exhaustion.exhaustedAfterMs;
      expect(injected.description).toContain(`${exhaustion.held} sessions held until PostgreSQL refused the next with 53300`);
      const slots = await expectServerFull(context, exhaustion);
      const timescaleCheck = await runbookLeavesItFull(context, step, slots.maxConnections);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, exhaustedAt + STUCK_AFTER_MS + 500 - performance.now())));
      const answers = summarizeAnswers((await sampler.stop()).filter((a) => a.sentAt >= exhaustedAt));
      const recoveredAfterMs = await terminateStuckRestores(context, step);
      await injected.revert();
      await injected.revert(); // idempotent, and tolerant of the sessions the runbook ended
      expect((await connectionSlots(env)).holders.filter((h) => h.application === stuckClientName)).toEqual([]);
      await nothingLostOrExecutedTwice(context);
      return { exhaustion, notReadyAfterMs, slots, answers, recoveredAfterMs, timescaleCheck };
    } finally {
      await sampler.stop();
      await injected.revert();
    }
  });
}

/** Revert alone, no runbook: the sessions are gone and trading is back; returns ms from revert until it is. */
export async function revertGivesEverythingBack(env: Environment): Promise<{ exhaustion: Exhaustion; backAfterMs: number }> {
  return withOrderFlow(env, async (context) => {
    const injected = await poolExhaustion({ headStartMs: 1000 }).inject(env, context.signal);
    try {
      const exhaustion = await injected.exhausted;
      await refusedAppRole(context);
      const revertedAt = performance.now();
      await injected.revert();
      await waitUntil(
        async () =>
          (await readyzStatus(env)) === 200 &&
          (await postgresAcceptsAppRole().observe(context)).ok &&
          context.orderFlow.acknowledgedWithin(300) > 0,
        { what: '/readyz 200, the app role accepted and orders acknowledged after revert', timeoutMs: 10_000, intervalMs: 100 },
      );
      const backAfterMs = performance.now() - revertedAt;
      expect((await connectionSlots(env)).holders.filter((h) => h.application === stuckClientName)).toEqual([]);
      return { exhaustion, backAfterMs };
    } finally {
      await injected.revert();
    }
  });
}

/**
 * db.pool-status shows the picture; db.raise-max-connections changes nothing until a restart; the TimescaleDB
 * check has nothing to check (onlyIf says so). Returns what db.timescale-check, run anyway, said.
 */
async function runbookLeavesItFull(
  context: ProbeContext,
  step: (id: string) => Promise<StepTranscript>,
  maxConnections: number,
): Promise<string> {
  const status = await step('db.pool-status');
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stdout).toMatch(/ats\s+\| idle in transaction/);
  expect(status.stdout).toMatch(/^pg_pool_waiting\{[^}]*\} [1-9]/m);
  const raise = await step('db.raise-max-connections');
  expect(raise.exitCode, raise.stderr).toBe(0);
  expect(raise.stdout).toContain(`max_connections in effect: ${maxConnections} (new value pending a restart)`);
  expect(await postgresSettingInEffect('max_connections').observe(context)).toEqual({
    ok: false,
    detail: `max_connections = ${maxConnections} in effect; 200 pending a restart`,
  });
  await refusedAppRole(context); // raising max_connections gives back no connection before a restart
  expect(await readyzStatus(context.env)).toBe(503);
  expect(await postgresExtensionInstalled('timescaledb').observe(context)).toEqual({
    ok: false,
    detail: expect.stringMatching(/^extension timescaledb is not installed: /),
  });
  // Run anyway, it fails: here without the extension, and (as of runbook 1.1.0) it connects as the
  // application's role, which the full server refuses — unlike the section's other steps, it does not log in as $PGADMIN_USER.
  const hypertables = await step('db.timescale-check');
  expect(hypertables.exitCode, 'db.timescale-check run as written on a full server without TimescaleDB').not.toBe(0);
  return hypertables.stderr.trim();
}

/** Ends the sessions idle in transaction for > 10 s (the fault's, all of them); returns ms until trading is back. */
async function terminateStuckRestores(context: ProbeContext, step: (id: string) => Promise<StepTranscript>): Promise<number> {
  const stuck = (await connectionSlots(context.env)).holders.find((h) => h.application === stuckClientName)!.count;
  const terminate = await step('db.terminate-stuck');
  expect(terminate.exitCode, terminate.stderr).toBe(0);
  expect(terminate.stdout).toMatch(new RegExp(`ats\\s+\\| ${stuckClientName}\\s+\\|\\s+${stuck}\\s*$`, 'm'));
  const doneAt = performance.now();
  await waitUntil(
    async () =>
      (await readyzStatus(context.env)) === 200 &&
      (await postgresAcceptsAppRole().observe(context)).ok &&
      context.orderFlow.acknowledgedWithin(300) > 0,
    { what: '/readyz 200, the app role accepted and orders acknowledged after db.terminate-stuck', timeoutMs: 10_000, intervalMs: 100 },
  );
  return performance.now() - doneAt;
}

/** After the fault: every acknowledged order persisted and filled once, none refused persisted. */
export async function nothingLostOrExecutedTwice(context: ProbeContext): Promise<void> {
  await context.orderFlow.stop();
  const integrity = await acknowledgedOrdersIntegrity({ drainMs: 15_000 })(context);
  expect({ lost: integrity.lost, duplicated: integrity.duplicated }, integrity.detail).toEqual({ lost: 0, duplicated: 0 });
  const refused = await refusedOrdersNotPersisted().run({
    ...context,
    transcripts: [],
    runStep: () => Promise.reject(new Error('no steps')),
  } as CheckContext);
  expect(refused.ok, refused.detail).toBe(true);
}

/** The tests, on one environment of `runtime` (inside a describe). Timings are printed, not asserted. */
export function poolExhaustionTests(runtime: Runtime, provisionTimeoutMs: number): void {
  let env: Environment;
  beforeAll(async () => {
    env = await runtime.provision(new AbortController().signal);
  }, provisionTimeoutMs);
  afterAll(async () => {
    await env?.[Symbol.asyncDispose]();
  });

  it('revert alone ends every session it held and trading resumes', { timeout: 30_000 }, async () => {
    const { exhaustion, backAfterMs } = await revertGivesEverythingBack(env);
    console.log(
      `${runtime.name}: ${exhaustion.held} sessions held, server full ${exhaustion.exhaustedAfterMs} ms after the lock; revert → trading back in ${Math.round(backAfterMs)} ms`,
    );
    expect(backAfterMs).toBeLessThan(10_000);
  });

  it("takes every slot (pg_stat_activity), saturates the gateway's pool; raising max_connections waits for a restart, ending the stuck sessions restores trading", {
    timeout: 60_000,
  }, async () => {
    console.log(describeMeasurements(runtime.name, await exhaustThenRunTheRunbook(env)));
  });
}

/** One line of the measurements, for the test's output. */
function describeMeasurements(runtime: string, measured: PoolExhaustionMeasurements): string {
  const others = measured.slots.holders
    .filter((h) => h.application !== stuckClientName)
    .map((h) => `${h.application} ${h.state} ${h.count}`);
  return (
    `${runtime}: /readyz not 200 ${Math.round(measured.notReadyAfterMs)} ms after the lock; ${measured.exhaustion.held} sessions held, server full ` +
    `${measured.exhaustion.exhaustedAfterMs} ms after the lock (max_connections ${measured.slots.maxConnections}, ${measured.slots.reservedForSuperusers} reserved; others: ${others.join(', ')}); ` +
    `gateway answers while full: ${measured.answers.join('; ')}; db.terminate-stuck → trading back in ${Math.round(measured.recoveredAfterMs)} ms; ` +
    `db.timescale-check as written: ${measured.timescaleCheck}`
  );
}
