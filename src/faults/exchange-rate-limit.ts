import { type Fault, once } from './fault.ts';

export interface ExchangeRateLimitOptions {
  /** How long the exchange answers 429 to every order before it bans. */
  throttleMs: number;
  /** How long the ban (HTTP 418) lasts. */
  banMs: number;
}

/** The mock exchange answers 429, then bans every client that kept sending. */
export function exchangeRateLimit(options: ExchangeRateLimitOptions): Fault {
  const description = `exchange answers 429 for ${options.throttleMs} ms, then bans for ${options.banMs} ms`;
  return {
    kind: 'exchange.rate-limit',
    description,
    async inject(env) {
      const admin = `${env.service('exchange').url}/admin`;
      await post(`${admin}/fault`, { mode: 'rate-limit', ...options });
      return { description, revert: once(() => post(`${admin}/clear`, {})) };
    },
  };
}

async function post(url: string, body: object): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
}
