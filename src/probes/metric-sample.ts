/** Reading samples out of a service's `/metrics` (the Prometheus text format). */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';

/** The value of the first sample of `name` whose labels include `labels`; undefined when there is none. */
export function sampleValue(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const seen = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => seen[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** `<baseUrl>/metrics`, as text; throws naming the URL when it does not answer 2xx. */
export async function metricsText(baseUrl: string, timeoutMs = 2000): Promise<string> {
  const url = `${baseUrl}/metrics`;
  const response = await fetch(url, { signal: timeoutAfterPendingIo(timeoutMs) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The value of metric `name` (with at least `labels`) at `<baseUrl>/metrics`; undefined when there is none. */
export async function metricValue(
  baseUrl: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number | undefined> {
  return sampleValue(await metricsText(baseUrl), name, labels);
}
