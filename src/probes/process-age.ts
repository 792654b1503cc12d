import { readFile } from 'node:fs/promises';
import { processStartTicks } from '../host/process-owner.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import type { Probe } from './probe.ts';

/** Linux reports process start times in USER_HZ ticks, 100 a second on every architecture it runs on. */
const ticksPerSecond = 100;

/**
 * `service`'s main process started at most `maxAgeMs` ago, by the kernel's
 * record (/proc/<pid>/stat, the host pid on every runtime): a restart step's
 * postcondition, so a restart that restarted nothing does not pass. Choose
 * `maxAgeMs` below the time the service ran before the step.
 */
export function serviceStartedWithin(service: ServiceName, maxAgeMs: number): Probe {
  return {
    name: `${service}'s process started within the last ${maxAgeMs} ms`,
    uses: { services: [service] },
    async observe({ env }) {
      const pid = await env.service(service).pid();
      if (pid === undefined) return { ok: false, detail: `${service} is not running` };
      const ageMs = await processAgeMs(pid);
      if (ageMs === undefined) return { ok: false, detail: `${service} (pid ${pid}): no start time in /proc/${pid}/stat` };
      return { ok: ageMs <= maxAgeMs, detail: `${service} (pid ${pid}) started ${Math.round(ageMs)} ms ago` };
    },
  };
}

/** How long ago process `pid` started, in ms; undefined when /proc does not tell. */
export async function processAgeMs(pid: number): Promise<number | undefined> {
  const ticks = Number(processStartTicks(pid) || Number.NaN);
  if (!Number.isFinite(ticks)) return undefined;
  const uptimeSeconds = Number((await readFile('/proc/uptime', 'utf8')).split(' ')[0]);
  return (uptimeSeconds - ticks / ticksPerSecond) * 1000;
}
