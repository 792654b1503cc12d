/**
 * How firedrill drives a system's order flow and checks what became of it,
 * whatever the system: a config's `workload` module default-exports a
 * factory of this adapter. With it the data-loss and duplicate checks ask
 * the same questions of any system:
 *
 *   place(order)  ──> acknowledged (the system took it) | refused (it said no) | throws (no answer)
 *   readBack(ids) ──> for each order: persisted? filled how many times?
 *
 * An acknowledged order must be persisted and, once the system has drained,
 * filled exactly once; a refused one must not be persisted.
 *
 * The runner does not use it yet: its order flow is still the reference
 * ATS's (order-flow.ts); issue 12's remaining work routes it through here.
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

export type OrderAnswer =
  | { readonly outcome: 'acknowledged'; readonly orderId: string; readonly status?: number }
  | { readonly outcome: 'refused'; readonly status?: number; readonly reason?: string };

export interface OrderReadBack {
  readonly clientOrderId: string;
  readonly persisted: boolean;
  /** How many fills the system recorded for the order: 1 once filled, more is a duplicate. */
  readonly fills: number;
}

export interface WorkloadAdapter {
  /** Places one order; resolves with how the system answered, rejects when it gave no answer. */
  place(order: OrderRequest, signal: AbortSignal): Promise<OrderAnswer>;
  /** What the system persisted and filled of these orders, one entry per id asked. */
  readBack(clientOrderIds: readonly string[], signal: AbortSignal): Promise<readonly OrderReadBack[]>;
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
