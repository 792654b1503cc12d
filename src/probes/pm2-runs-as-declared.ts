import { setTimeout as sleep } from 'node:timers/promises';
import { pm2Process, pm2ProcessesRunning } from '../host/pm2-processes.ts';
import type { Environment, ServiceName } from '../runtime/runtime.ts';
import { declaredApps, ecosystemFileIn } from './pm2-ecosystem.ts';
import { judgeProcessLooks } from './pm2-process-looks.ts';
import type { Probe } from './probe.ts';

export interface RunsAsDeclaredOptions {
  /** How long to keep looking: a copy that crash-loops (its port taken) is there only part of the time. */
  readonly windowMs: number;
  readonly intervalMs?: number;
}

/**
 * Local runtime. `service`'s program runs under PM2 exactly as the
 * environment's ecosystem file declares it, throughout `windowMs`: the apps
 * it names, one OS process per instance, in its mode, the same processes
 * all along. Counted from /proc (src/host/pm2-processes.ts), not PM2's
 * list, so a copy left under an old name counts. The program is the one PM2
 * ran as `service` at the probe's first look in the environment.
 */
export function pm2RunsAsDeclared(service: ServiceName, options: RunsAsDeclaredOptions): Probe {
  const intervalMs = options.intervalMs ?? 250;
  return {
    name: `${service} runs under PM2 as its ecosystem file declares, one process per instance (over ${options.windowMs} ms)`,
    uses: { services: [service] },
    async observe({ env, signal }) {
      const program = await programOf(env, service);
      const sandbox = env.variables().FIREDRILL_SANDBOX;
      if (env.runtime !== 'local' || !sandbox)
        throw new Error(`${service}: PM2 runs the services only on the local runtime, not ${env.runtime}`);
      const declared = await declaredApps(ecosystemFileIn(sandbox), program);
      const looks = [await pm2ProcessesRunning(env.id, program)];
      const until = performance.now() + options.windowMs;
      while (performance.now() < until) {
        await sleep(intervalMs, undefined, { signal });
        looks.push(await pm2ProcessesRunning(env.id, program));
      }
      return judgeProcessLooks(service, declared, looks, options.windowMs);
    },
  };
}

const programs = new WeakMap<Environment, Map<ServiceName, Promise<string>>>();

/** The program PM2 runs as `service`, learnt at the first look in `env` (a rename later does not change it). */
function programOf(env: Environment, service: ServiceName): Promise<string> {
  const known = programs.get(env) ?? new Map<ServiceName, Promise<string>>();
  programs.set(env, known);
  let program = known.get(service);
  if (!program) {
    program = learnProgram(env, service);
    program.catch(() => known.delete(service));
    known.set(service, program);
  }
  return program;
}

async function learnProgram(env: Environment, service: ServiceName): Promise<string> {
  const pid = await env.service(service).pid();
  if (pid === undefined) throw new Error(`${service} is not running: no process to learn its program from`);
  const seen = await pm2Process(pid);
  if (!seen) throw new Error(`${service} (pid ${pid}) is not a PM2 process: no pm_exec_path in its environment`);
  return seen.program;
}
