/**
 * A steady order flow through the system's workload adapter: the scenarios'
 * steady state and the ground truth for data loss. Every order the system
 * acknowledges is remembered; afterwards the integrity check asks the adapter
 * what became of each (order-integrity.ts).
 */
import { randomUUID } from 'node:crypto';
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import { type Clock, systemClock } from '../clock/clock.ts';
import { errorText } from '../error-text.ts';
import type { OrderAnswer, OrderRequest, WorkloadAdapter } from './workload-adapter.ts';

export interface OrderFlowStats {
  sent: number;
  acknowledged: number;
  /** Answered, but not taken (the reference gateway: not 202; 503 while a dependency is down, 4xx). */
  refused: number;
  /** No answer: the adapter threw (connection refused) or gave none within the request timeout. */
  failed: number;
}

export type RequestOutcome = 'acknowledged' | 'refused' | 'failed';

/** One order request: when it was answered (monotonic ms), how long it took, and how it ended. */
export interface RequestRecord {
  readonly at: number;
  readonly latencyMs: number;
  readonly outcome: RequestOutcome;
  /** The status it was answered with (HTTP, for the reference ATS), when the adapter tells; absent when it was not answered. */
  readonly status?: number;
  /** Which instance answered (`blue`), when the adapter tells (OrderAnswer.servedBy). */
  readonly servedBy?: string;
  /** How long the system itself took over it (ms), when the adapter tells (OrderAnswer.serverMs). */
  readonly serverMs?: number;
  /** Why it was not acknowledged: the refusal's reason when the adapter tells, or the error that left it unanswered. */
  readonly reason?: string;
}

/** An order the system acknowledged: when its request was sent and when the acknowledgement came (the flow's clock, ms). */
export interface AcknowledgedOrder {
  readonly clientOrderId: string;
  readonly sentAt: number;
  readonly at: number;
}

export interface OrderFlow {
  /** The adapter the orders go through: the checks ask it what became of them (`readBack`). */
  readonly workload: WorkloadAdapter;
  stop(): Promise<void>;
  /** The clientOrderIds of the orders the system acknowledged, in the order of their answers. */
  acknowledgedClientOrderIds(): readonly string[];
  /** The same orders with when each was sent and acknowledged: what a restore's recovery point is accounted against. */
  acknowledgedOrders(): readonly AcknowledgedOrder[];
  /** The clientOrderIds of orders the system refused: it said they were not taken. */
  refusedClientOrderIds(): readonly string[];
  acknowledgedWithin(windowMs: number): number;
  /** The requests that ended in the last `windowMs`, oldest first. */
  requestsWithin(windowMs: number): readonly RequestRecord[];
  stats(): OrderFlowStats;
  /** The rate asked and the rate reached, so far (or until stop()). */
  load(): OrderFlowLoad;
  /** Orders placed above the pre-trade limits on purpose (`oversized`): how each ended. */
  oversized(): OversizedOrders;
  /** The flow's clock (RequestRecord.at is on it): a probe that compares its own looks with requests reads it here. */
  now(): number;
  /**
   * How long, between `from` and `to` (the flow's clock), the harness itself was held up: its order timer ran
   * `heldUpAfterMs` or more late, or is that overdue now (a busy machine kept it off the CPU); 0 when it ran
   * throughout. It neither sent orders nor read answers then: an answer that came meanwhile was read late, and its
   * latency counts the wait.
   */
  heldUpBetween(from: number, to: number): number;
}

/**
 * The rate the flow was asked for against what it sent. An order falls due every 1/rate s; one due while
 * `maxInFlight` requests await their answers, or more than a second late (the harness itself fell behind), is
 * held back, not sent later: so a system that stops answering cannot be sent a burst when it comes back.
 */
export interface OrderFlowLoad {
  readonly askedPerSec: number;
  /** Orders sent per second of the flow's life. */
  readonly achievedPerSec: number;
  readonly due: number;
  readonly sent: number;
  readonly heldBack: number;
  /** Of those held back, the ones over a second late: the harness itself stalled (the rest waited on `maxInFlight` answers). */
  readonly heldBackLate: number;
  readonly durationMs: number;
  readonly maxInFlight: number;
}

export interface OversizedOrders {
  readonly sent: number;
  /** The clientOrderIds the system acknowledged although they broke its limits. */
  readonly acknowledged: readonly string[];
  readonly refused: number;
  readonly failed: number;
}

export interface OrderFlowOptions {
  workload: WorkloadAdapter;
  ordersPerSec: number;
  /** How long an order may go unanswered before it counts as failed (default 2000), whether or not the adapter heeds its signal. */
  requestTimeoutMs?: number;
  /**
   * Requests awaiting an answer beyond which a due order is held back. Default: as many as the request timeout can
   * keep open at the rate (at least 50), so a slow system meets the whole rate and its answers time out, as a
   * client's would; only a stalled harness then falls short.
   */
  maxInFlight?: number;
  /** Every `every`-th order asks for `qty` (a fat finger): above the system's pre-trade limits, it must be refused. */
  oversized?: { readonly every: number; readonly qty: number };
  clock?: Clock;
}

const symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD'];

/** How late the order timer may run before the harness counts what fell due meanwhile as held back, not sent. */
const stalledAfterMs = 1000;

/**
 * How late the order timer may run before the harness counts itself held up (OrderFlow.heldUpBetween): a tenth
 * of a second, well under the latencies the scenarios judge (p95 targets of 250 ms and more), well over a busy
 * but running process's timer jitter.
 */
export const heldUpAfterMs = 100;

export function startOrderFlow(options: OrderFlowOptions): OrderFlow {
  const { workload } = options;
  const clock = options.clock ?? systemClock;
  const stats: OrderFlowStats = { sent: 0, acknowledged: 0, refused: 0, failed: 0 };
  const acknowledged: AcknowledgedOrder[] = [];
  const refused: string[] = [];
  const requests: RequestRecord[] = [];
  const heldUp: { from: number; to: number }[] = []; // on the flow's clock, in order
  const heldUpBetween = (from: number, to: number) => {
    const overlap = (span: { from: number; to: number }) => Math.max(0, Math.min(to, span.to) - Math.max(from, span.from));
    const open = heldUpUntilNow();
    let total = open ? overlap(open) : 0;
    for (let i = heldUp.length - 1; i >= 0 && heldUp[i]!.to > from; i--) total += overlap(heldUp[i]!);
    return total;
  };
  const settle = (started: number, outcome: RequestOutcome, answer?: OrderAnswer, failure?: unknown) => {
    const at = clock.now();
    const { status, servedBy, serverMs } = answer ?? {};
    const reason = answer?.outcome === 'refused' ? answer.reason : failure === undefined ? undefined : errorText(failure);
    requests.push({
      at,
      latencyMs: at - started,
      outcome,
      ...(status === undefined ? {} : { status }),
      ...(servedBy === undefined ? {} : { servedBy }),
      ...(serverMs === undefined ? {} : { serverMs }),
      ...(reason === undefined ? {} : { reason }),
    });
    stats[outcome]++;
  };
  const inFlight = new Set<Promise<void>>();
  const requestTimeoutMs = options.requestTimeoutMs ?? 2000;
  let sequence = 0;

  const oversized = { sent: 0, acknowledged: [] as string[], refused: 0, failed: 0 };

  const placeOne = async () => {
    stats.sent++;
    const started = clock.now();
    const fatFinger = options.oversized !== undefined && stats.sent % options.oversized.every === 0;
    const order: OrderRequest = {
      symbol: symbols[sequence++ % symbols.length]!,
      side: sequence % 2 === 0 ? 'buy' : 'sell',
      qty: fatFinger ? options.oversized!.qty : 1,
      price: 100 + (sequence % 10),
      clientOrderId: randomUUID(),
    };
    if (fatFinger) oversized.sent++;
    try {
      const answer = await placeWithin(workload, order, requestTimeoutMs, () => heldUpBetween(started, clock.now()));
      if (answer.outcome === 'acknowledged') acknowledged.push({ clientOrderId: order.clientOrderId, sentAt: started, at: clock.now() });
      else refused.push(order.clientOrderId);
      if (fatFinger && answer.outcome === 'acknowledged') oversized.acknowledged.push(order.clientOrderId);
      if (fatFinger && answer.outcome === 'refused') oversized.refused++;
      settle(started, answer.outcome, answer);
    } catch (error) {
      if (fatFinger) oversized.failed++;
      settle(started, 'failed', undefined, error);
    }
  };

  // Due orders are counted on the machine's own clock, whatever clock the records use (a test's stands still).
  const rate = options.ordersPerSec;
  const maxInFlight = options.maxInFlight ?? Math.max(50, Math.ceil((rate * requestTimeoutMs) / 1000));
  const startedAt = performance.now();
  let endedAt: number | undefined;
  let due = 0;
  let heldBack = 0;
  let heldBackLate = 0;
  const tickMs = Math.max(10, 1000 / rate);
  let lastTick = startedAt;
  // The order timer overdue now: held up until now, though the timer has not yet run to say so. A look can come first:
  // after a stall taken in an I/O callback, Node runs the look's setImmediate (after-pending-io.ts) before the timers.
  const heldUpUntilNow = () => {
    const overdueMs = performance.now() - lastTick - tickMs;
    if (endedAt !== undefined || overdueMs < heldUpAfterMs) return undefined;
    return { from: clock.now() - overdueMs, to: clock.now() };
  };
  const timer = setInterval(() => {
    const now = performance.now();
    const gapMs = now - lastTick;
    lastTick = now;
    if (gapMs >= tickMs + heldUpAfterMs) heldUp.push({ from: clock.now() - (gapMs - tickMs), to: clock.now() });
    // Rounded, not floored: a timer that fires a little early must not leave its order to the next tick.
    const dueNow = Math.round(((now - startedAt) * rate) / 1000);
    const late = Math.max(0, dueNow - due - Math.ceil((rate * stalledAfterMs) / 1000)); // the harness stalled
    heldBack += late;
    heldBackLate += late;
    due += late;
    for (; due < dueNow; due++) {
      if (inFlight.size >= maxInFlight) {
        heldBack++;
        continue;
      }
      const request = placeOne().finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }, tickMs);

  return {
    workload,
    async stop() {
      clearInterval(timer);
      endedAt ??= performance.now();
      await Promise.allSettled(inFlight);
    },
    load() {
      const durationMs = (endedAt ?? performance.now()) - startedAt;
      const achievedPerSec = durationMs > 0 ? (stats.sent * 1000) / durationMs : 0;
      const durationRounded = Math.round(durationMs);
      return { askedPerSec: rate, achievedPerSec, due, sent: stats.sent, heldBack, heldBackLate, durationMs: durationRounded, maxInFlight };
    },
    oversized: () => ({ ...oversized, acknowledged: [...oversized.acknowledged] }),
    acknowledgedClientOrderIds: () => acknowledged.map((order) => order.clientOrderId),
    acknowledgedOrders: () => [...acknowledged],
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
    heldUpBetween,
  };
}

/**
 * The adapter's answer, given up after `timeoutMs` (once what had arrived by
 * then was read, and not counting the time the harness itself was held up:
 * after-pending-io.ts) even when the adapter ignores its signal (so `stop()`
 * never waits on a hung adapter). Rejects when there is
 * no answer: the adapter threw, timed out, or answered
 * something that is neither acknowledged (with an id) nor refused.
 */
async function placeWithin(
  workload: WorkloadAdapter,
  order: OrderRequest,
  timeoutMs: number,
  heldUpSinceSent: () => number,
): Promise<OrderAnswer> {
  const signal = timeoutAfterPendingIo(timeoutMs, heldUpSinceSent);
  const gaveUp = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  const answer = await Promise.race([workload.place(order, signal), gaveUp]);
  if (answer?.outcome === 'refused' || (answer?.outcome === 'acknowledged' && typeof answer.orderId === 'string')) return answer;
  throw new Error(`the workload adapter answered neither acknowledged (with an orderId) nor refused: ${JSON.stringify(answer)}`);
}
