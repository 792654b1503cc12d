/**
 * What the log sink fixture says it received (its `/firedrill/*` read API,
 * not Loki's): per stream the unique lines and newest timestamp, the canary
 * lag, and the entries of one file.
 */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import type { Environment } from '../runtime/runtime.ts';

export interface SinkStream {
  readonly labels: Readonly<Record<string, string>>;
  /** Unique entries stored. */
  readonly lines: number;
  /** Entries dropped as duplicates (same timestamp and line). */
  readonly duplicates: number;
  /** Unix ns, as a string. */
  readonly newestTs: string;
}

export interface SinkState {
  /** Age of the newest canary line received, in seconds. */
  readonly lagSeconds: number;
  readonly newestCanaryAt: string | null;
  readonly streams: readonly SinkStream[];
}

/** The log sink, as the config names it: what a probe reading it uses. */
export const logSink = 'log-sink';

export async function logSinkState(env: Environment, signal?: AbortSignal): Promise<SinkState> {
  return getJson<SinkState>(`${sinkUrl(env)}/firedrill/streams`, signal);
}

/** The lines the sink stored for one file (the `filename` label the shipper sets: its absolute path), oldest first. */
export async function logSinkLines(env: Environment, filename: string, signal?: AbortSignal): Promise<string[]> {
  const body = await getJson<{ entries: [string, string][] }>(
    `${sinkUrl(env)}/firedrill/entries?filename=${encodeURIComponent(filename)}`,
    signal,
  );
  return body.entries.map(([, line]) => line);
}

function sinkUrl(env: Environment): string {
  return env.service(logSink).url!;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const timeout = timeoutAfterPendingIo(5000);
  const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  if (!response.ok) throw new Error(`log sink ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}
