import { type Fault, once } from './fault.ts';
import { adminPost } from './admin-post.ts';

export interface ExchangeRateLimitOptions {
  /** How long the exchange answers 429 to every order before it bans. */
  throttleMs: number;
  /** How long the ban (HTTP 418) lasts. */
  banMs: number;
}

const exchange = 'exchange';

/** The mock exchange answers 429, then bans every client that kept sending. */
export function exchangeRateLimit(options: ExchangeRateLimitOptions): Fault {
  const description = `exchange answers 429 for ${options.throttleMs} ms, then bans for ${options.banMs} ms`;
  return {
    kind: 'exchange.rate-limit',
    description,
    uses: { services: [exchange] },
    async inject(env) {
      const admin = `${env.service(exchange).url}/admin`;
      await adminPost(`${admin}/fault`, { mode: 'rate-limit', ...options });
      return { description, revert: once(() => adminPost(`${admin}/clear`, {})) };
    },
  };
}
