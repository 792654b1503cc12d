import { type Fault, once } from './fault.ts';
import { adminPost } from './admin-post.ts';

/** One step of a shock: from `atMs` after injection, prices are `factor` times where the market would be (0.9: 10 % down). */
export interface MarketShockLeg {
  readonly atMs: number;
  readonly factor: number;
}

const marketData = 'market-data';

/**
 * Market data publishes a price move: every symbol, leg by leg, each leg's
 * factor taken from the prices before the shock (not compounded). The
 * market-data service applies the schedule to its own ticks (POST
 * /admin/shock), so the legs keep their timing whatever the harness is doing;
 * revert puts prices back where the random walk is (POST /admin/clear) — the
 * rebound.
 */
export function marketShock(legs: readonly MarketShockLeg[]): Fault {
  const description = `market prices move ${legs.map((leg) => `${percent(leg.factor)} at +${leg.atMs / 1000} s`).join(', then ')} (from their level before the shock)`;
  return {
    kind: 'market.shock',
    description,
    uses: { services: [marketData] },
    async inject(env) {
      const admin = `${env.service(marketData).url}/admin`;
      await adminPost(`${admin}/shock`, { legs });
      return { description, revert: once(() => adminPost(`${admin}/clear`, {})) };
    },
  };
}

function percent(factor: number): string {
  const move = Math.round((factor - 1) * 1000) / 10;
  return `${move > 0 ? '+' : ''}${move} %`;
}
