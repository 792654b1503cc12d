import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import type { Environment } from '../runtime/runtime.ts';

/** The mock exchange, as the reference config names it: what reading its stats uses. */
export const exchange = 'exchange';

export interface ExchangeStats {
  mode: 'normal' | 'rate-limit';
  /** Set while a rate-limit fault exists; 'over' once its ban window has passed. */
  faultPhase?: 'throttling' | 'banning' | 'over';
  clients: Record<string, { banned: boolean; bannedForMs: number; strikes: number; banExtensions: number }>;
  received: number;
  filled: number;
  /** Orders put on the book unexecuted (a limit order away from a market price), and resting orders cancelled. */
  rested: number;
  cancelled: number;
  duplicates: number;
  rejected429: number;
  rejected418: number;
  /** Requests from a client the exchange had already told of its ban (a 418), all of them. */
  requestsDuringBan: number;
  /** How often a request during a ban lengthened it. */
  banExtensions: number;
  requestsIgnoringRetryAfter: number;
  /** The largest qty of any order request received (admitted or not; 0: none): what the pre-trade limits let through. */
  largestOrderQty: number;
  /** The largest qty × price of any order request received (0: none). */
  largestOrderNotional: number;
  /** The most order requests received from one client in one wall-clock second: what the rate gate let through. */
  peakOrdersPerSecond: number;
  /** The first of those requests, by name. */
  duringBan: readonly BanRequest[];
}

/** One request the exchange received from a client it had told of its ban. */
export interface BanRequest {
  /** Wall-clock ISO time, by the exchange's clock. */
  at: string;
  method: string;
  path: string;
  clientId: string;
  extendedBan: boolean;
  retryAfterSec: number;
}

/** The mock exchange's own count of what it received (the wire truth, not the gateway's claim). */
export async function exchangeStats(env: Environment): Promise<ExchangeStats> {
  const response = await fetch(`${env.service(exchange).url}/admin/stats`, { signal: timeoutAfterPendingIo(2000) });
  if (!response.ok) throw new Error(`exchange /admin/stats answered ${response.status}`);
  return parseExchangeStats(await response.json());
}

const orderTrafficFields = ['largestOrderQty', 'largestOrderNotional', 'peakOrdersPerSecond'] as const;

/** /admin/stats's body; throws naming the order-traffic figures an older exchange does not send (a check must not read 0 for "unknown"). */
export function parseExchangeStats(body: unknown): ExchangeStats {
  const stats = body as Record<string, unknown>;
  const missing = orderTrafficFields.filter((field) => typeof stats[field] !== 'number');
  if (missing.length > 0) throw new Error(`exchange /admin/stats has no numeric ${missing.join(', ')}: the exchange predates them`);
  return stats as unknown as ExchangeStats;
}

export function exchangeIsBlocking(stats: ExchangeStats): boolean {
  const faultActive = stats.faultPhase === 'throttling' || stats.faultPhase === 'banning';
  return faultActive || Object.values(stats.clients).some((client) => client.banned);
}
