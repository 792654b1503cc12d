import type { Integrity } from '../scenario/scenario.ts';
import type { ProbeContext } from './probe.ts';

export type IntegrityCheck = (context: ProbeContext) => Promise<Integrity>;

/**
 * Several integrity checks as a scenario's one: run side by side (each waits
 * out its own drain), losses and duplicates summed, details joined.
 */
export function combinedIntegrity(...checks: readonly IntegrityCheck[]): IntegrityCheck {
  return async (context) => {
    const found = await Promise.all(checks.map((check) => check(context)));
    return {
      lost: found.reduce((sum, f) => sum + f.lost, 0),
      duplicated: found.reduce((sum, f) => sum + f.duplicated, 0),
      detail: found.map((f) => f.detail).join('; '),
    };
  };
}
