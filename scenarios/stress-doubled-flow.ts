import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  guardedRateGateReset,
  noRequestStorm,
  pretradeLimitsHeld,
  rateGateHeld,
  refusedOrdersNotPersisted,
} from '../src/index.ts';
import { exchangeBan, rateGateResetStep } from './exchange-rate-limit.ts';

/**
 * The reference system's peak order rate: the busiest second of its last six months, which RTS 6 Art. 10's stress
 * test doubles. Doubled, it is over the gateway's rate gate (fixtures/ats/order-gateway: RATE_LIMIT_PER_SEC, 50).
 */
const peakOrdersPerSec = 30;

export default defineScenario({
  id: 'stress-doubled-flow',
  title: 'Twice the peak order flow while the exchange rate-limits, then bans, the gateway',
  description:
    'RTS 6 Art. 10 stress with a fault: the order flow at twice the peak rate (60 orders/s against a gate of 50/s), ' +
    'one order in 25 a fat finger (qty 5000, over the risk service pre-trade limit of 100), while the mock exchange ' +
    'answers 429 for 2 s, then bans the client for 8 s. The controls must hold all along: no second sees more than the ' +
    'gate lets through, nothing reaches the banned exchange, every fat finger is refused and none reaches the exchange; ' +
    'the runbook resets the gate; orders are filled again within 30 s, none lost or sent twice. A run that could not ' +
    'send 95 % of the asked rate fails, saying so.',
  controls: [
    'stress: twice the peak order rate, with a fault (RTS 6 Art. 10)',
    'rate gate holds under load: no second at the exchange over its rate and burst',
    'pre-trade limits hold under load: every order over them refused, none at the exchange (RTS 6 Art. 15)',
    "rate gate honours Retry-After: no request reaches a banned exchange (but the reset guard's status probe)",
    'no acknowledged order lost or duplicated',
  ],
  workload: { ordersPerSec: peakOrdersPerSec, loadMultiplier: 2, oversized: { every: 25, qty: 5_000 } },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  ...exchangeBan,
  // 60 orders/s in, 50/s out, none during the ban: the queue a stopped flow leaves drains at the gate's rate.
  integrity: acknowledgedOrdersIntegrity({ drainMs: 60_000 }),
  checks: [
    rateGateHeld({ ordersPerSec: 50 }),
    pretradeLimitsHeld({ maxOrderQty: 100, maxOrderNotional: 50_000 }),
    refusedOrdersNotPersisted(),
    noRequestStorm({ guardStepId: rateGateResetStep.id }),
    guardedRateGateReset(rateGateResetStep.id),
  ],
});
