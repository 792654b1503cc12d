import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  exchangeRateLimit,
  guardedRateGateReset,
  httpStatus,
  noRequestStorm,
  ordersAcknowledged,
  ordersFilled,
  rateGateBanned,
  rateGateWithoutStrikes,
} from '../src/index.ts';

/** Runbook "Exchange rate limiting": reset the rate gate, only if the exchange is already blocking; afterwards no strikes. */
/** Runbook "Exchange rate limiting": look at the gate first (blocked, strikes, effective rate). */
export const rateGateStatusStep = { id: 'rate-gate.status' };
export const rateGateResetStep = { id: 'rate-gate.reset', postcondition: { probe: rateGateWithoutStrikes(), withinMs: 2_000 } };

/**
 * The ban and what answers it, shared with stress-doubled-flow (the same ban under twice the peak flow): the steady
 * state, the fault, how it is detected and paged, the runbook's steps and the recovery.
 */
export const exchangeBan = {
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000)],
  faults: [exchangeRateLimit({ throttleMs: 2_000, banMs: 8_000 })],
  detection: rateGateBanned(),
  // A ban pages at once (`for: 0s`); the gateway stays ready: orders queue while the exchange is away.
  alerts: { fire: [{ alert: 'ExchangeBlocking', withinMs: 5_000 }], quiet: ['GatewayNotReady', 'RedisDown', 'ServiceDown'] },
  remediation: [rateGateStatusStep, rateGateResetStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'exchange' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000)],
};

export default defineScenario({
  id: 'exchange-rate-limit',
  title: 'The exchange rate-limits, then bans the gateway',
  description:
    'The mock exchange answers 429 for 2 s, then bans the client for 8 s (HTTP 418); like a real exchange it extends a ban ' +
    'on every order sent during it. Once told of the ban, nothing may reach the exchange until it is over but the ' +
    "runbook guard's one status probe; the runbook resets the rate gate only because the exchange is blocking; orders " +
    'must be filled again within 30 s, with none lost or sent twice.',
  controls: [
    'runbook: reset the rate gate only if the exchange is already blocking',
    "rate gate honours Retry-After: no request reaches a banned exchange (but the reset guard's status probe)",
    'no acknowledged order lost or duplicated',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  ...exchangeBan,
  integrity: acknowledgedOrdersIntegrity({ drainMs: 20_000 }),
  checks: [noRequestStorm({ guardStepId: rateGateResetStep.id }), guardedRateGateReset(rateGateResetStep.id)],
});
