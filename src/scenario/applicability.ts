/**
 * Where a scenario applies. A scenario about one runtime's machinery (PM2 on
 * the local runtime) declares `appliesTo`; on any other runtime it is
 * recorded as skipped with the reason, nothing provisioned, its runbook steps
 * not bound (the runbook may have no variant there).
 */
import type { RuntimeName } from '../runtime/runtime.ts';
import type { Scenario } from './scenario.ts';

export interface Applicability {
  /** The runtimes the scenario runs on. */
  readonly runtimes: readonly RuntimeName[];
  /** Why not elsewhere, for the skipped result: `PM2 supervises the services only on the local runtime`. */
  readonly reason: string;
}

/** Undefined when `scenario` applies on `runtime`; otherwise the skip's reason, naming the runtimes it runs on. */
export function notApplicableReason(scenario: Pick<Scenario, 'appliesTo'>, runtime: string): string | undefined {
  const applies = scenario.appliesTo;
  if (!applies || applies.runtimes.some((name) => name === runtime)) return undefined;
  return `not applicable on the ${runtime} runtime (it runs on: ${applies.runtimes.join(', ')}): ${applies.reason}`;
}
