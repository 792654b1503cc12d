/** firedrill's exit codes; a configuration error is distinct from a failed scenario. */
export const exitCodes = {
  passed: 0,
  /** At least one scenario missed a target or a check, or (with --repeat) changed its verdict between runs: a finding. */
  failed: 1,
  /** Bad arguments, unknown scenario or suite, malformed scenario file. */
  configError: 2,
  /** No failure, but a scenario was aborted (steady state unmet) or errored (harness or environment broke). */
  notConclusive: 3,
  /** SIGINT (SIGTERM gives 143). */
  interrupted: 130,
} as const;
