import { readFile } from 'node:fs/promises';
import { processStartTicks } from '../host/process-owner.ts';
import type { Environment, ServiceName } from '../runtime/runtime.ts';
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
      const main = await mainProcessAge(env, service);
      if ('unknown' in main) return { ok: false, detail: main.unknown };
      return { ok: main.ageMs <= maxAgeMs, detail: `${service} (pid ${main.pid}) started ${Math.round(main.ageMs)} ms ago` };
    },
  };
}

/**
 * The kernel's start times count in ticks of 10 ms, truncated: a process started a moment after the step may read
 * up to a tick, and /proc/uptime another, before it.
 */
const startTimeResolutionMs = 2 * (1000 / ticksPerSecond);

/**
 * `service`'s main process started after the step began (a step postcondition: the probe context's
 * stepStartedAtMs): the restart was the step's. Unlike serviceStartedWithin, it does not depend on how long the
 * step went on after restarting (a restart step that then waits for the service's readiness under load).
 */
export function serviceRestartedByStep(service: ServiceName): Probe {
  return {
    name: `${service}'s process started after the step began`,
    uses: { services: [service] },
    async observe({ env, stepStartedAtMs }) {
      if (stepStartedAtMs === undefined) return { ok: false, detail: 'only a step postcondition can tell: no step started' };
      const main = await mainProcessAge(env, service);
      if ('unknown' in main) return { ok: false, detail: main.unknown };
      const afterStepMs = Math.round(Date.now() - main.ageMs - stepStartedAtMs);
      // Within the clocks' resolution of the step's start reads as after it: a process started with the step.
      const ok = afterStepMs >= -startTimeResolutionMs;
      const when = ok ? `${Math.max(afterStepMs, 0)} ms after the step began` : `${-afterStepMs} ms before the step began`;
      return { ok, detail: `${service} (pid ${main.pid}) started ${when}` };
    },
  };
}

/** The service's main process and how long ago it started, or why that is not known. */
async function mainProcessAge(env: Environment, service: ServiceName): Promise<{ pid: number; ageMs: number } | { unknown: string }> {
  const pid = await env.service(service).pid();
  if (pid === undefined) return { unknown: `${service} is not running` };
  const ageMs = await processAgeMs(pid);
  if (ageMs === undefined) return { unknown: `${service} (pid ${pid}): no start time in /proc/${pid}/stat` };
  return { pid, ageMs };
}

/** How long ago process `pid` started, in ms; undefined when /proc does not tell. */
export async function processAgeMs(pid: number): Promise<number | undefined> {
  const ticks = Number(processStartTicks(pid) || Number.NaN);
  if (!Number.isFinite(ticks)) return undefined;
  const uptimeSeconds = Number((await readFile('/proc/uptime', 'utf8')).split(' ')[0]);
  return (uptimeSeconds - ticks / ticksPerSecond) * 1000;
}
