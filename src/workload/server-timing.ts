/**
 * The W3C Server-Timing header a system may answer with (`app;dur=1.8`,
 * `db;dur=53, app;dur=47.2;desc="total"`): how long it took over a request by
 * its own clock. A workload adapter reads it into OrderAnswer.serverMs.
 */

/** The `dur` (ms) of the metric named `name`; undefined when the header, the metric or its duration is absent. */
export function serverTimingMs(header: string | null | undefined, name = 'app'): number | undefined {
  for (const metric of header?.split(',') ?? []) {
    const [metricName, ...params] = metric.split(';').map((part) => part.trim());
    if (metricName !== name) continue;
    const duration = params.find((param) => /^dur=/i.test(param))?.slice(4);
    const ms = duration === undefined ? Number.NaN : Number(duration.replace(/^"|"$/g, ''));
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  }
  return undefined;
}
