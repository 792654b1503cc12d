import { join } from 'node:path';
import { waitUntil } from '../clock/wait-until.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { logDir, writtenLines } from './log-integrity.ts';
import { logSink, logSinkLines } from './log-sink-api.ts';
import type { Probe } from './probe.ts';

export interface ServiceLogsArriveOptions {
  /** How long the newest line may take to reach the sink; default 10 s. */
  readonly withinMs?: number;
  /**
   * How old a line may be and still show that logs arrive *now*; default 5 s. A line older than that may have been
   * shipped before the log pipeline broke, so it proves nothing: the probe waits for a newer one. Lines without a
   * JSON `time` (epoch ms, pino's) cannot be dated and count as new.
   */
  readonly recentMs?: number;
}

/** `order-gateway.log`, `order-gateway.err.log`, and a blue/green colour's `order-gateway-blue.log`, …: the files PM2 or LOG_FILE write. */
export function isLogFileOf(service: ServiceName, fileName: string): boolean {
  const escaped = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(-(blue|green))?(\\.err)?\\.log$`).test(fileName);
}

/** When the line was written, by its JSON `time` in epoch ms; undefined when it does not say. */
export function lineTime(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const time = (JSON.parse(line) as { time?: unknown }).time;
    return typeof time === 'number' ? time : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The service's logs reach the log sink now: the newest complete line of each
 * of its log files (in the environment's LOG_DIR) that was written in the last
 * `recentMs` is stored by the log sink within `withinMs`. The probe waits,
 * within `withinMs`, for such a line to be written (a line a caller just
 * caused may still be on its way to the file); a service that writes none
 * does not hold: there is nothing to see arrive.
 */
export function serviceLogsArrive(service: ServiceName, options: ServiceLogsArriveOptions = {}): Probe {
  const withinMs = options.withinMs ?? 10_000;
  const recentMs = options.recentMs ?? 5_000;
  return {
    name: `${service}'s newest log lines reach the log sink within ${withinMs} ms`,
    uses: { services: [service, logSink] },
    async observe({ env, signal }) {
      const dir = logDir(env);
      const started = performance.now();
      const recentSince = Date.now() - recentMs;
      const newestRecent = async () =>
        [...(await writtenLines(dir, (name) => isLogFileOf(service, name)))].flatMap(([name, lines]) => {
          const line = lines.at(-1);
          return line !== undefined && (lineTime(line) ?? recentSince) >= recentSince ? [{ name, line }] : [];
        });
      let newest = await newestRecent();
      if (newest.length === 0)
        newest = await waitUntil(
          async () => {
            const found = await newestRecent();
            return found.length > 0 ? found : undefined;
          },
          { what: `a line of ${service}'s logs written in the last ${recentMs} ms`, timeoutMs: withinMs, intervalMs: 100, signal },
        ).catch(() => []);
      if (newest.length === 0)
        return {
          ok: false,
          detail: `${service} wrote no log line in ${dir} within the last ${recentMs} ms nor ${withinMs} ms more: nothing to see arrive`,
        };
      const missing = async () => {
        const stored = await Promise.all(newest.map(({ name }) => logSinkLines(env, join(dir, name), signal)));
        return newest.filter(({ line }, i) => !stored[i]!.includes(line)).map(({ name }) => name);
      };
      const remainingMs = Math.max(0, withinMs - (performance.now() - started));
      const arrived = await waitUntil(async () => (await missing()).length === 0, {
        what: `${service}'s newest log lines stored by the log sink`,
        timeoutMs: remainingMs,
        intervalMs: 200,
        signal,
      }).then(
        () => true,
        () => false,
      );
      const files = newest.map(({ name }) => name).join(', ');
      if (arrived)
        return {
          ok: true,
          detail: `the newest line of ${files} stored by the log sink within ${Math.round(performance.now() - started)} ms`,
        };
      // Asked once more, unguarded: a sink that cannot be asked is an error, never "not arrived".
      return { ok: false, detail: `the newest line of ${(await missing()).join(', ')} not stored by the log sink after ${withinMs} ms` };
    },
  };
}
