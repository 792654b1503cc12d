import type { Environment } from '../runtime/runtime.ts';

export interface ExchangeStats {
  mode: 'normal' | 'rate-limit';
  /** Set while a rate-limit fault exists; 'over' once its ban window has passed. */
  faultPhase?: 'throttling' | 'banning' | 'over';
  clients: Record<string, { banned: boolean; bannedForMs: number; strikes: number }>;
  received: number;
  filled: number;
  duplicates: number;
  rejected429: number;
  rejected418: number;
  requestsDuringBan: number;
  requestsIgnoringRetryAfter: number;
}

/** The mock exchange's own count of what it received (the wire truth, not the gateway's claim). */
export async function exchangeStats(env: Environment): Promise<ExchangeStats> {
  const response = await fetch(`${env.service('exchange').url}/admin/stats`, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`exchange /admin/stats answered ${response.status}`);
  return (await response.json()) as ExchangeStats;
}

export function exchangeIsBlocking(stats: ExchangeStats): boolean {
  const faultActive = stats.faultPhase === 'throttling' || stats.faultPhase === 'banning';
  return faultActive || Object.values(stats.clients).some((client) => client.banned);
}
