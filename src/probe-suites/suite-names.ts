/**
 * The names of firedrill's probe suites, apart from the suites themselves so
 * the runbook parser can check a step's `suite=` without loading them.
 * probe-suites.ts maps each to its suite (a name without one does not compile).
 */
export const probeSuiteNames = ['post-rollback-smoke', 'clean-hosts'] as const;

export type ProbeSuiteName = (typeof probeSuiteNames)[number];

export function isProbeSuiteName(name: string): name is ProbeSuiteName {
  return (probeSuiteNames as readonly string[]).includes(name);
}
