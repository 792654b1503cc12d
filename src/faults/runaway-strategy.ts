import { adminPost } from './admin-post.ts';
import { type Fault, once } from './fault.ts';

export interface RunawayStrategyOptions {
  /** How many limit orders the strategy fires at the gateway. */
  readonly orders: number;
  /** The symbol it trades: one the workload does not, with a market price set at the exchange for the drill. */
  readonly symbol: string;
  /** The exchange's market price for it; the strategy buys below it, so every order rests on the book. */
  readonly marketPrice: number;
}

const exchange = 'exchange';
const gateway = 'order-gateway';
/** Orders in flight at once: a strategy in a tight loop, not a thousand sockets. */
const CONCURRENCY = 20;

/**
 * A runaway strategy (the incident a kill switch exists for): a burst of buy limit orders below the market, each
 * acknowledged by the gateway and sent on, every one left resting at the exchange. Sets the exchange's market price
 * for the symbol first; revert clears it (what rests stays: cancelling it is the remediation's job).
 */
export function runawayStrategy(options: RunawayStrategyOptions): Fault {
  const description = `a runaway strategy fires ${options.orders} buy limit orders for ${options.symbol} below the market (${options.marketPrice}): each rests at the exchange`;
  return {
    kind: 'strategy.runaway',
    description,
    uses: { services: [exchange, gateway] },
    async inject(env, signal) {
      const called = performance.now();
      const market = `${env.service(exchange).url}/admin/market`;
      await adminPost(market, { symbol: options.symbol, price: options.marketPrice });
      const revert = once(() => adminPost(market, { symbol: options.symbol, price: null }));
      const answers = await fire(`${env.service(gateway).url}/orders`, options, signal);
      // Live once the gateway has answered every order: detection is timed from then, not from the first order. What
      // the gateway refused (a loaded machine's 503) does not rest: the detection's count at the exchange judges.
      const tally = [...answers].map(([status, n]) => `${n} × ${status}`).join(', ');
      return {
        description: `${description} (the gateway answered ${tally})`,
        tookEffectAfterMs: Math.round(performance.now() - called),
        revert,
      };
    },
  };
}

/** Places the orders, CONCURRENCY at a time; returns how many of each HTTP status the gateway answered (202: acknowledged). */
async function fire(url: string, options: RunawayStrategyOptions, signal: AbortSignal): Promise<Map<number, number>> {
  let next = 0;
  const answers = new Map<number, number>();
  const one = async (index: number) => {
    // Spread below the market, never reaching it: 1 % to 20 % under.
    const price = Number((options.marketPrice * (0.8 + 0.19 * ((index % 100) / 100))).toFixed(2));
    const body = { symbol: options.symbol, side: 'buy', qty: 1, price, clientOrderId: `runaway-${Date.now()}-${index}` };
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
    });
    answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
    await response.body?.cancel();
  };
  const lane = async () => {
    while (next < options.orders) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, options.orders) }, lane));
  return answers;
}
