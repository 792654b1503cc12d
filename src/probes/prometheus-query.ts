/**
 * Prometheus' instant query API (GET /api/v1/query), evaluated now or at a
 * past moment: an instant vector's samples, or a range vector's raw samples
 * with the timestamps they were scraped at (Prometheus' clock).
 */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';

export interface Sample {
  /** Unix time, milliseconds. */
  readonly atMs: number;
  readonly value: number;
}

export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: readonly Sample[];
}

interface QueryBody {
  status?: string;
  error?: string;
  data?: {
    resultType?: 'vector' | 'matrix' | 'scalar' | 'string';
    result?: { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[];
  };
}

/** `atMs` absent: now. An instant vector gives each series one sample; a range vector (`metric[30s]`) its raw samples. */
export async function prometheusQuery(
  baseUrl: string,
  promql: string,
  options: { atMs?: number; signal?: AbortSignal } = {},
): Promise<Series[]> {
  const params = new URLSearchParams({ query: promql });
  if (options.atMs !== undefined) params.set('time', (options.atMs / 1000).toFixed(3));
  const url = `${baseUrl}/api/v1/query?${params}`;
  const response = await fetch(url, { signal: options.signal ?? timeoutAfterPendingIo(5000) });
  const body = (await response.json().catch(() => undefined)) as QueryBody | undefined;
  if (!response.ok || body?.status !== 'success' || !body.data?.result) {
    throw new Error(`Prometheus query ${promql} answered ${response.status}: ${body?.error ?? 'not a Prometheus query response'}`);
  }
  if (body.data.resultType !== 'vector' && body.data.resultType !== 'matrix')
    throw new Error(`Prometheus query ${promql} gave a ${body.data.resultType}, not a vector`);
  return body.data.result.map((series) => ({
    labels: series.metric,
    samples: (series.values ?? (series.value ? [series.value] : [])).map(([seconds, value]) => ({
      atMs: seconds * 1000,
      value: Number(value),
    })),
  }));
}
