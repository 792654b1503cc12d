import { join } from 'node:path';
import { waitUntil } from '../clock/wait-until.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { logDir, writtenLines } from './log-integrity.ts';
import { logSink, logSinkLines } from './log-sink-api.ts';
import type { Probe } from './probe.ts';

export interface ServiceLogsArriveOptions {
  /** How long the newest line may take to reach the sink; default 10 s. */
  readonly withinMs?: number;
}

/** `order-gateway.log`, `order-gateway.err.log`, and a blue/green colour's `order-gateway-blue.log`, …: the files PM2 or LOG_FILE write. */
export function isLogFileOf(service: ServiceName, fileName: string): boolean {
  const escaped = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(-(blue|green))?(\\.err)?\\.log$`).test(fileName);
}

/**
 * The newest complete line of each of `service`'s log files (in the
 * environment's LOG_DIR) is stored by the log sink within `withinMs`: its logs
 * reach the sink now. A service that has written no line at all does not
 * hold: there is nothing to see arrive.
 */
export function serviceLogsArrive(service: ServiceName, options: ServiceLogsArriveOptions = {}): Probe {
  const withinMs = options.withinMs ?? 10_000;
  return {
    name: `${service}'s newest log lines reach the log sink within ${withinMs} ms`,
    uses: { services: [service, logSink] },
    async observe({ env, signal }) {
      const dir = logDir(env);
      const newest = [...(await writtenLines(dir, (name) => isLogFileOf(service, name)))].flatMap(([name, lines]) =>
        lines.length > 0 ? [{ name, line: lines.at(-1)! }] : [],
      );
      if (newest.length === 0) return { ok: false, detail: `${service} has written no log line in ${dir}: nothing to see arrive` };
      const missing = async () => {
        const stored = await Promise.all(newest.map(({ name }) => logSinkLines(env, join(dir, name), signal)));
        return newest.filter(({ line }, i) => !stored[i]!.includes(line)).map(({ name }) => name);
      };
      const started = performance.now();
      const arrived = await waitUntil(async () => (await missing()).length === 0, {
        what: `${service}'s newest log lines stored by the log sink`,
        timeoutMs: withinMs,
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
