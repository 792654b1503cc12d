/**
 * A kill switch that a restart releases is no kill switch: a gateway that
 * crashes, or that an operator restarts mid-incident, would trade again. After
 * the verdict's own measurements this check engages the switch with the
 * runbook's step, kills the service (SIGKILL: no clean shutdown that could
 * save anything), waits until its supervisor has it running again (a new
 * process) and `ready`, looks with `refuses`, then releases it with the runbook's step.
 */
import { waitUntil } from '../clock/wait-until.ts';
import type { Probe } from '../probes/probe.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { usesOf } from '../scenario/uses.ts';
import type { Check, CheckContext } from '../scenario/scenario.ts';

export interface KillSwitchRestartOptions {
  /** The runbook steps, by id: `kill-switch.engage`, `kill-switch.release`. */
  readonly engage: string;
  readonly release: string;
  /** The service that holds the switch: `order-gateway`. */
  readonly service: ServiceName;
  /** What must hold once it is back: a new order refused, none reaching the exchange. */
  readonly refuses: Probe;
  /** When it is back: ready to take orders (its dependencies connected), so that a refusal is the switch's. */
  readonly ready: Probe;
  readonly restartTimeoutMs: number;
}

export function killSwitchSurvivesRestart(options: KillSwitchRestartOptions): Check {
  const { engage, release, service, refuses } = options;
  return {
    name: `the kill switch survives a restart of ${service} (SIGKILL): ${refuses.name}`,
    uses: { services: [service, ...(usesOf(refuses, options.ready)?.services ?? [])] },
    async run(context) {
      const engaged = await context.runStep(engage);
      if (engaged.exitCode !== 0) return { ok: false, detail: `runbook step "${engage}" exited with status ${engaged.exitCode}` };
      try {
        const restart = await restarted(context, options);
        const seen = await refuses.observe(context);
        return { ok: seen.ok, detail: `engaged, then ${service} killed and back (${restart}): ${seen.detail}` };
      } finally {
        await context.runStep(release);
      }
    },
  };
}

/** Kills the service, waits until that process is gone, has it running again (its supervisor, else started), and says which pids. */
async function restarted(context: CheckContext, options: KillSwitchRestartOptions): Promise<string> {
  const handle = context.env.service(options.service);
  const before = await handle.pid();
  await handle.kill('SIGKILL');
  const what = `${options.service}'s process ${before} gone after SIGKILL`;
  await waitUntil(async () => (await handle.pid()) !== before, {
    what,
    timeoutMs: options.restartTimeoutMs,
    intervalMs: 100,
    signal: context.signal,
  });
  await handle.ensureRunning();
  await waitUntil(async () => (await options.ready.observe(context)).ok, {
    what: `${options.service} ready again after SIGKILL (${options.ready.name})`,
    timeoutMs: options.restartTimeoutMs,
    intervalMs: 200,
    signal: context.signal,
  });
  const after = await handle.pid();
  if (after === undefined || after === before)
    throw new Error(`${options.service} is not running as a new process after SIGKILL (pid ${before} → ${after})`);
  return `pid ${before} → ${after}`;
}
