/**
 * How firedrill drives a system's order flow and checks what became of it,
 * whatever the system: a config's `workload` module default-exports a
 * factory of this adapter. With it the data-loss and duplicate checks ask
 * the same questions of any system:
 *
 *   place(order)  ──> acknowledged (the system took it) | refused (it said no) | throws (no answer)
 *   readBack(ids) ──> for each order: persisted? filled how many times? (cancelled by the system?)
 *   cancel(id)    ──> cancelled | too-late (already sent or filled) | refused   (optional)
 *
 * An acknowledged order must be persisted and, once the system has drained,
 * filled exactly once; a refused one must not be persisted. The runner loads
 * the module once a run (load-workload.ts), makes one adapter per environment,
 * and every order its flow places goes through `place` (order-flow.ts); the
 * integrity check and the refused-orders check ask `readBack`.
 */
import type { SqlClient } from '../probes/sql-client.ts';

export interface OrderRequest {
  /** Chosen by firedrill; what readBack is asked about. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
}

export type OrderAnswer = (
  | { readonly outcome: 'acknowledged'; readonly orderId: string; readonly status?: number }
  | { readonly outcome: 'refused'; readonly status?: number; readonly reason?: string }
) & {
  /**
   * Optional: which instance answered, when the system says (behind a blue/green
   * switch, nginx's `X-Colour` header: `blue` or `green`), so a swap can be seen moving traffic.
   */
  readonly servedBy?: string;
  /**
   * Optional: how long the system itself took over the order, in ms, when it says (an HTTP `Server-Timing`
   * header's `dur`): a slow answer is then told apart from a slow way to the system and back, or a busy harness.
   */
  readonly serverMs?: number;
};

/** How a system answered a cancel. */
export type CancelAnswer =
  | { readonly outcome: 'cancelled' }
  /** The order had already gone on (sent, filled) and stays: `state` as the system names it (`filled`). A correct answer. */
  | { readonly outcome: 'too-late'; readonly state: string }
  | { readonly outcome: 'refused'; readonly status?: number; readonly reason?: string };

export interface OrderReadBack {
  readonly clientOrderId: string;
  readonly persisted: boolean;
  /** How many fills the system recorded for the order: 1 once filled, more is a duplicate. */
  readonly fills: number;
  /**
   * Optional: the system cancelled it unexecuted (a kill switch). Settled, not lost, only where the scenario says
   * so (acknowledgedOrdersIntegrity's `cancelledIsSettled`); otherwise an unfilled order all the same.
   */
  readonly cancelled?: boolean;
  /**
   * Optional: the system's own state of the order ("accepted", "sending"…). The integrity detail counts the unfilled
   * orders by it, so that a backlog still queued reads apart from orders stuck on their way.
   */
  readonly status?: string;
}

export interface WorkloadAdapter {
  /** Places one order; resolves with how the system answered, rejects when it gave no answer. */
  place(order: OrderRequest, signal: AbortSignal): Promise<OrderAnswer>;
  /** What the system persisted and filled of these orders, one entry per id asked. */
  readBack(clientOrderIds: readonly string[], signal: AbortSignal): Promise<readonly OrderReadBack[]>;
  /**
   * Optional: cancels an order it acknowledged (`orderId` from `place`); rejects when the system gave no answer.
   * The post-rollback smoke suite needs it (src/probe-suites/post-rollback-smoke.ts).
   */
  cancel?(orderId: string, signal: AbortSignal): Promise<CancelAnswer>;
  /** Optional: where the system persists orders, as the evidence names it ("the orders table"); "the system's records" when absent. */
  readonly persistedIn?: string;
  /** Optional: where the orders go next, when it counts what it received twice. */
  readonly downstream?: Downstream;
}

/**
 * Where a system sends its orders (an exchange), counting duplicates the
 * system's own records cannot show: an exchange idempotent on the order's id
 * fills a resent order once, so its fills stay 1 though it went out twice.
 */
export interface Downstream {
  /** As the evidence names it: "the exchange". */
  readonly name: string;
  /** How many times, since the environment started, it received an order it had received before. */
  duplicateSubmissions(signal: AbortSignal): Promise<number>;
}

/** What an adapter is given: the environment as a runbook step sees it. */
export interface WorkloadContext {
  /** Service URLs, database variables, …; contains secrets. */
  readonly variables: Readonly<Record<string, string>>;
  /** SQL on the system's database, as the harness's own role. */
  readonly sql: SqlClient;
}

/** The default export of a config's `workload` module. */
export type WorkloadAdapterFactory = (context: WorkloadContext) => WorkloadAdapter;
