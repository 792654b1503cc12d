import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  exchangeOpenOrders,
  httpStatus,
  killSwitchRefusesOrders,
  killSwitchSurvivesRestart,
  ordersAcknowledged,
  ordersFilled,
  runawayStrategy,
  stepOutputShows,
} from '../src/index.ts';

// Timing. The runaway strategy fires 500 buy limit orders below the market; the gateway sends them at its rate gate's
// 50 a second, and each rests at the exchange. The desk acts once 200 rest there (about 4 s of sending). The target:
// every order of ours gone from the exchange's book within 5 s of the operator starting the engage command. 5 s is
// what an operator can watch happen at a terminal (the venues' own mass cancel answers in well under a second) and
// leaves the gateway ten of its 500 ms sweeps to catch an order that was in flight as the switch engaged; a switch
// that needs longer lets a runaway keep trading.
const runawayOrders = 500;
const restingWhenDetected = 200;
const zeroOpenOrdersMs = 5_000;

/** Runbook "Kill switch": refuse new orders, cancel the unsent ones and those resting at the exchange. */
export const engageStep = {
  id: 'kill-switch.engage',
  postcondition: { probe: exchangeOpenOrders({ atMost: 0 }), withinMs: zeroOpenOrdersMs, fromStepStart: true },
};
/** While engaged: a new order refused, naming the switch, and none reaching the exchange (its own count) for 1.5 s. */
const refusesOrders = killSwitchRefusesOrders({ reasonMatches: /kill switch engaged/i, watchMs: 1_500 });
/** Then: does it hold, read at the exchange? Meanwhile a new order must be refused, and none reach the exchange. */
export const statusStep = { id: 'kill-switch.status', postcondition: { probe: refusesOrders, withinMs: 5_000 } };
/** Once the cause is fixed: orders accepted again. */
/** How long the integrity check waits for orders to settle, and why a cancelled one counts as settled: the drain a test may shorten. */
export const killSwitchIntegrity = (drainMs = 15_000) =>
  acknowledgedOrdersIntegrity({ drainMs, cancelledIsSettled: 'the kill switch cancels every unexecuted order' });

export const releaseStep = { id: 'kill-switch.release', postcondition: { probe: ordersAcknowledged(1_000), withinMs: 5_000 } };

export default defineScenario({
  id: 'kill-switch',
  title: 'A runaway strategy floods the exchange with resting orders; the kill switch cancels them all',
  description:
    `A strategy fires ${runawayOrders} buy limit orders below the market; each rests on the exchange's book. Once ` +
    `${restingWhenDetected} rest there, the operator engages the gateway's kill switch (MiFID II RTS 6 Art. 12): within ` +
    `${zeroOpenOrdersMs / 1000} s of the command's start no order of ours may be open at the exchange (read at the exchange); ` +
    'while it holds a new order is refused with a reason naming the switch and nothing new reaches the exchange; released, ' +
    'orders are accepted and filled again. No acknowledged order is lost: the unsent ones the switch cancels are settled, not lost.',
  controls: [
    `RTS 6 Art. 12 kill switch: every unexecuted order cancelled at the exchange within ${zeroOpenOrdersMs / 1000} s (measured at the exchange)`,
    'kill switch: new orders refused (403, reason kill_switch_engaged) and none reaches the exchange while engaged',
    'kill switch: released by an operator, orders accepted and filled again',
    'kill switch: kept across a restart of the gateway (SIGKILL): still refusing until released',
    'runbook: Kill switch → engage, check at the exchange, release',
  ],
  workload: { ordersPerSec: 5 },
  // Detection, from the moment the gateway has taken the last runaway order (the strategy is live): 200 resting at the
  // exchange. The gateway sends 50 a second, most of them while the strategy is still firing; 20 s allows for a loaded machine.
  targets: { detectMs: 20_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000), exchangeOpenOrders({ atMost: 0 })],
  faults: [runawayStrategy({ orders: runawayOrders, symbol: 'AAPL', marketPrice: 190 })],
  detection: exchangeOpenOrders({ atLeast: restingWhenDetected }),
  alerts: { fire: [], quiet: ['GatewayNotReady', 'ServiceDown', 'ExchangeBlocking'] },
  remediation: [engageStep, statusStep, releaseStep],
  healthCheck: {
    step: { id: 'health.check' },
    passesDuringFault:
      'a runaway strategy breaks no service: the health check must not blame one (the order count at the exchange is the signal)',
  },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000), exchangeOpenOrders({ atMost: 0 })],
  integrity: killSwitchIntegrity(),
  checks: [
    // Engaged again after recovery, the gateway SIGKILLed and restarted by its supervisor: still refusing. Then released.
    killSwitchSurvivesRestart({
      engage: engageStep.id,
      release: releaseStep.id,
      service: 'order-gateway',
      refuses: refusesOrders,
      ready: httpStatus('order-gateway', '/readyz'),
      restartTimeoutMs: 20_000,
    }),
    stepOutputShows(statusStep.id, [
      { what: 'the switch engaged, by whom and why', pattern: /^kill switch: engaged since \S+ by .+ \(.+\)$/m },
      { what: 'no order open at the exchange', pattern: /^orders open at the exchange: 0$/m },
    ]),
  ],
});
