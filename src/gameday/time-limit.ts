import type { Scenario } from '../scenario/scenario.ts';

/** A person reads, thinks and types: by default a game day gets this many times the recovery target the runbook promises. */
export const timeLimitFactor = 10;

/** From the moment the operator gets the shell; `--time-limit` overrides it. */
export function defaultTimeLimitMs(scenario: Pick<Scenario, 'targets'>): number {
  return scenario.targets.recoveryMs * timeLimitFactor;
}

/** With `--hint` and no interval given: a level of the runbook each quarter of the time limit without recovery. */
export function defaultHintEveryMs(timeLimitMs: number): number {
  return Math.round(timeLimitMs / 4);
}
