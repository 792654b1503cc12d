import type { InjectedFault } from '../../faults/fault.ts';
import type { ScenarioRun } from '../scenario-run.ts';

/** Phase 2. Injects the faults in order, pushing each into `injected` as soon as it is in, so a failure half-way still reverts the rest. Returns the monotonic time of the first injection. */
export async function injectFaults(run: ScenarioRun, injected: InjectedFault[]): Promise<number> {
  let firstAt: number | undefined;
  for (const fault of run.scenario.faults) {
    const at = run.clock.now();
    const handle = await fault.inject(run.probes.env, run.signal);
    injected.push(handle);
    firstAt ??= at + (handle.tookEffectAfterMs ?? 0);
    run.timeline.record('fault.injected', { kind: fault.kind, description: handle.description });
  }
  return firstAt!;
}

/** Phase 6. Reverts in reverse order; every revert runs, errors are recorded and returned, never thrown. */
export async function revertFaults(run: Pick<ScenarioRun, 'timeline'>, injected: readonly InjectedFault[]): Promise<string[]> {
  const errors: string[] = [];
  for (const fault of [...injected].reverse()) {
    try {
      await fault.revert();
      run.timeline.record('fault.reverted', { description: fault.description });
    } catch (error) {
      const message = `revert of "${fault.description}" failed: ${(error as Error).message}`;
      errors.push(message);
      run.timeline.record('fault.revert-failed', { description: fault.description, error: (error as Error).message });
    }
  }
  return errors;
}

/** Phase 6, after the reverts: no toxic or disabled link outlives a scenario, whatever a fault forgot. */
export async function resetFaultProxy(run: Pick<ScenarioRun, 'timeline' | 'probes'>): Promise<string[]> {
  try {
    await run.probes.env.faultProxy().reset();
    run.timeline.record('fault-proxy.reset', {});
    return [];
  } catch (error) {
    run.timeline.record('fault-proxy.reset-failed', { error: (error as Error).message });
    return [`fault proxy reset failed: ${(error as Error).message}`];
  }
}
