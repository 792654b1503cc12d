import {
  acknowledgedOrdersIntegrity,
  alertFiresOnlyWhen,
  alertQuiet,
  defineScenario,
  httpStatus,
  marketShock,
  ordersAcknowledged,
  riskDrawdownAbove,
  riskDrawdownBelow,
  riskFiguresFresh,
  riskFollowsMarket,
  stepOutputShows,
  transient,
} from '../src/index.ts';

// Timing. The book (the risk service's opening book: about 700,000 long in
// AAPL, MSFT and BTCUSD on 1,000,000 of capital) meets a market that falls
// 4 % at once: a 2.8 % drawdown and a negative Sharpe ratio, with the
// drawdown gate of SharpeRatioLow still closed; a rule without its gate fires
// here (for: 3s), seconds before the second leg. At +10 s the market is 10 %
// down: a 7 % drawdown, the gate opens, and the alert fires about 5 s later.
// At +25 s the market rebounds (the shock is reverted): the drawdown falls
// back under 5 % and the alert resolves. The risk metrics get 5 s to follow
// each move, from the first tick market data published at the new level.
const lowLegAtMs = 10_000;
const followMs = 5_000;
const overriddenForS = 3;
const reboundAtMs = 25_000;

/** Runbook "Drawdown and Sharpe ratio": the risk figures, current or not, against the 5 % limit. */
export const riskStatusStep = { id: 'risk.status' };
/** Then: is the move in the market data, or is the feed stale? */
export const marketDataCheckStep = { id: 'market-data.check' };

export default defineScenario({
  id: 'market-shock',
  title: 'The market falls 10 % in two legs under an open book, then rebounds',
  description:
    'Market data publishes a 4 % fall, then 10 % ten seconds later, then the rebound at 25 s. The risk service must follow ' +
    'each move within 5 s (PnL, drawdown, rolling Sharpe ratio, measured from the first tick at the new level). ' +
    'SharpeRatioLow must stay quiet while the drawdown is under 5 % (after the first leg the Sharpe ratio is already ' +
    'negative) and fire once it is past it; the runbook reads the risk figures and checks the feed. After the rebound ' +
    'the drawdown must be back under 5 % and the alert resolved; trading goes on throughout and no acknowledged order is lost.',
  controls: [
    'risk metrics (PnL, drawdown, rolling Sharpe ratio) follow the market within 5 s',
    'SharpeRatioLow is gated behind a 5 % drawdown: quiet on a negative Sharpe ratio alone, firing (ticket) past the gate',
    'runbook: Drawdown and Sharpe ratio → risk figures current and against the limit, market data live',
    'a market shock does not stop trading; no acknowledged order lost',
  ],
  workload: { ordersPerSec: 20 },
  // Detection: the risk service reports the drawdown past 5 % within `followMs` of the second leg.
  targets: { detectMs: lowLegAtMs + followMs, recoveryMs: 20_000, dataLoss: 0 },
  steadyState: [riskFiguresFresh(3_000), riskDrawdownBelow(0.01), httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000)],
  faults: [
    transient(
      marketShock([
        { atMs: 0, factor: 0.96 },
        { atMs: lowLegAtMs, factor: 0.9 },
      ]),
      reboundAtMs,
    ),
  ],
  detection: riskDrawdownAbove(0.05),
  alerts: {
    // The second leg at +10 s, up to 5 s for risk to follow, 3 s of `for`, 2 s of scrape and evaluation.
    fire: [{ alert: 'SharpeRatioLow', withinMs: lowLegAtMs + followMs + overriddenForS * 1000 + 2_000 }],
    quiet: ['ServiceDown', 'GatewayNotReady', 'ExchangeBlocking'],
  },
  alertRuleOverrides: [
    {
      alert: 'SharpeRatioLow',
      for: `${overriddenForS}s`,
      reason: 'the production for: 15m cannot be waited for in a drill; the expression and its drawdown gate are unchanged',
    },
  ],
  duringFault: [
    alertFiresOnlyWhen('SharpeRatioLow', { expr: 'max(risk_drawdown_ratio) > 0.05', shows: 'max(risk_drawdown_ratio)' }),
    riskFiguresFresh(3_000),
    ordersAcknowledged(2_000),
  ],
  remediation: [riskStatusStep, marketDataCheckStep],
  healthCheck: {
    step: { id: 'health.check' },
    passesDuringFault:
      'a market move breaks no system: the health check must not blame one, nor hide the losses (the risk steps show them)',
  },
  recovery: [riskDrawdownBelow(0.05), alertQuiet('SharpeRatioLow'), riskFiguresFresh(3_000), ordersAcknowledged(1_000)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [
    riskFollowsMarket({
      withinMs: followMs,
      follows: [
        // The first leg turns the rolling Sharpe ratio negative (and moves it: a frozen negative one does not count).
        { metric: 'risk_sharpe_ratio', leg: 0, below: 0 },
        // The low: about 70,000 lost, a 7 % drawdown.
        { metric: 'risk_pnl', leg: 1, below: -35_000 },
        { metric: 'risk_drawdown_ratio', leg: 1, above: 0.05 },
      ],
    }),
    // The runbook's steps are diagnostic: what they show is what the desk is told.
    stepOutputShows(riskStatusStep.id, [
      { what: 'the risk figures and their age', pattern: /PnL -?\d+, drawdown -?[\d.]+ %, Sharpe ratio -?[\d.]+, computed [\d.]+ s ago/ },
      { what: 'the drawdown against the 5 % limit', pattern: /drawdown (past|within) the 5 % limit/ },
    ]),
    stepOutputShows(marketDataCheckStep.id, [
      { what: "each symbol's move", pattern: /\bmove_pct\b/ },
      { what: 'that the feed is live', pattern: /market data live: every symbol ticked in the last 10 s/ },
    ]),
  ],
});
