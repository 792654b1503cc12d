import type { Scenario } from '../scenario/scenario.ts';

/**
 * The scenario as a game day judges it. A person reads, thinks and types: their
 * recovery (the shell's opening → the recovery probes holding) is judged against
 * the game day's time limit, not against the promise the runbook makes for its
 * steps run by the harness (recoveryMs, and rollbackMs where declared; both are
 * kept in the human record, runbookTargets). Detection, alerts, RTO and data
 * loss are the system's, and are judged as declared.
 */
export function asGameDay(scenario: Scenario, timeLimitMs: number): Scenario {
  const { targets } = scenario;
  return {
    ...scenario,
    targets: { ...targets, recoveryMs: timeLimitMs, ...(targets.rollbackMs === undefined ? {} : { rollbackMs: timeLimitMs }) },
  };
}
