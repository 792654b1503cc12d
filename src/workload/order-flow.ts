/**
 * A steady order flow against the gateway: the scenarios' steady state and the
 * ground truth for data loss. Every order the gateway acknowledges (HTTP 202
 * with an id) is remembered; afterwards each must exist in Postgres.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock.ts';

export interface OrderFlowStats {
  sent: number;
  acknowledged: number;
  /** Answered, but not 202 (503 while a dependency is down, 4xx). */
  refused: number;
  /** No answer: connection refused, timeout. */
  failed: number;
}

export type RequestOutcome = 'acknowledged' | 'refused' | 'failed';

/** One order request: when it was answered (monotonic ms), how long it took, and how it ended. */
export interface RequestRecord {
  readonly at: number;
  readonly latencyMs: number;
  readonly outcome: RequestOutcome;
  /** The HTTP status it was answered with; absent when it was not answered. */
  readonly status?: number;
}

export interface OrderFlow {
  stop(): Promise<void>;
  acknowledgedIds(): readonly string[];
  /** The clientOrderIds of orders the gateway answered with something other than 202: it said they were not taken. */
  refusedClientOrderIds(): readonly string[];
  acknowledgedWithin(windowMs: number): number;
  /** The requests that ended in the last `windowMs`, oldest first. */
  requestsWithin(windowMs: number): readonly RequestRecord[];
  stats(): OrderFlowStats;
  /** The flow's clock (RequestRecord.at is on it): a probe that compares its own looks with requests reads it here. */
  now(): number;
}

export interface OrderFlowOptions {
  gatewayUrl: string;
  ordersPerSec: number;
  requestTimeoutMs?: number;
  maxInFlight?: number;
  clock?: Clock;
}

const symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD'];

export function startOrderFlow(options: OrderFlowOptions): OrderFlow {
  const clock = options.clock ?? systemClock;
  const stats: OrderFlowStats = { sent: 0, acknowledged: 0, refused: 0, failed: 0 };
  const acknowledged: { id: string; at: number }[] = [];
  const refused: string[] = [];
  const requests: RequestRecord[] = [];
  const settle = (started: number, outcome: RequestOutcome, status?: number) => {
    const at = clock.now();
    requests.push({ at, latencyMs: at - started, outcome, ...(status === undefined ? {} : { status }) });
    stats[outcome]++;
  };
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;

  const placeOne = async () => {
    stats.sent++;
    const started = clock.now();
    const order = {
      symbol: symbols[sequence++ % symbols.length],
      side: sequence % 2 === 0 ? 'buy' : 'sell',
      qty: 1,
      price: 100 + (sequence % 10),
      clientOrderId: randomUUID(),
    };
    try {
      const response = await fetch(`${options.gatewayUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 2000),
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string };
      if (response.status === 202 && body.id) {
        acknowledged.push({ id: body.id, at: clock.now() });
        settle(started, 'acknowledged', response.status);
      } else {
        refused.push(order.clientOrderId);
        settle(started, 'refused', response.status);
      }
    } catch {
      settle(started, 'failed');
    }
  };

  const timer = setInterval(() => {
    if (inFlight.size >= (options.maxInFlight ?? 50)) return;
    const request = placeOne().finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / options.ordersPerSec);

  return {
    async stop() {
      clearInterval(timer);
      await Promise.allSettled(inFlight);
    },
    acknowledgedIds: () => acknowledged.map((order) => order.id),
    refusedClientOrderIds: () => [...refused],
    acknowledgedWithin(windowMs) {
      const since = clock.now() - windowMs;
      let count = 0;
      for (let i = acknowledged.length - 1; i >= 0 && acknowledged[i]!.at >= since; i--) count++;
      return count;
    },
    requestsWithin(windowMs) {
      const since = clock.now() - windowMs;
      let first = requests.length;
      while (first > 0 && requests[first - 1]!.at >= since) first--;
      return requests.slice(first);
    },
    stats: () => ({ ...stats }),
    now: () => clock.now(),
  };
}
