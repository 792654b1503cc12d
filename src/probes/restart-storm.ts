import type { Environment, ServiceName, Supervision } from '../runtime/runtime.ts';
import type { Probe } from './probe.ts';
import { RestartWindow, type RestartsSeen } from './restart-window.ts';

export interface StormOptions {
  /** How many restarts make a storm… */
  readonly restartsAtLeast: number;
  /** …within how long. */
  readonly withinMs: number;
}

/**
 * A restart storm: `service`'s supervisor (PM2 locally, the engine on docker)
 * restarted it at least `restartsAtLeast` times within `withinMs`, by its own
 * restart counter read at each look. What a crash loop looks like from the
 * supervisor, which a health check cannot tell from a service merely down.
 * The readings are kept per environment, from the probe's first look there.
 */
export function restartStorm(service: ServiceName, options: StormOptions): Probe {
  const { restartsAtLeast, withinMs } = options;
  if (!(restartsAtLeast >= 1)) throw new RangeError(`restartStorm(${service}): restartsAtLeast must be at least 1, got ${restartsAtLeast}`);
  const windows = new WeakMap<Environment, RestartWindow>();
  return {
    name: `${service} restarted by its supervisor at least ${restartsAtLeast} times within ${withinMs} ms (a restart storm)`,
    uses: { services: [service] },
    async observe({ env }) {
      const supervision = await env.service(service).supervision();
      const window = windows.get(env) ?? new RestartWindow(withinMs);
      windows.set(env, window);
      const seen = window.add({ atMs: performance.now(), restarts: supervision.restarts });
      return { ok: seen.restarts >= restartsAtLeast, detail: describeStorm(service, seen, supervision, options) };
    },
  };
}

/** `order-gateway restarted 4 times in 3.1 s (77 a minute); its supervisor says waiting restart, 6 restarts in all`. */
function describeStorm(service: ServiceName, seen: RestartsSeen, supervision: Supervision, options: StormOptions): string {
  const times = `${seen.restarts} time${seen.restarts === 1 ? '' : 's'}`;
  const over = `in ${(seen.spanMs / 1000).toFixed(1)} s (${Math.round(seen.perMinute)} a minute)`;
  const needs = seen.restarts >= options.restartsAtLeast ? '' : `, a storm is ${options.restartsAtLeast} within ${options.withinMs} ms`;
  return `${service} restarted ${times} ${over}${needs}; its supervisor says ${supervision.status}, ${supervision.restarts} restarts in all`;
}
