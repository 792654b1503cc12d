/** Thrown when a scenario's alert rule overrides do not apply to the run's rules; lists every problem at once (exit 2 from the CLI). */
export class AlertRuleOverrideError extends Error {
  readonly problems: readonly string[];
  constructor(sourceDir: string, problems: readonly string[]) {
    super(`alert rule overrides do not apply to the rules in ${sourceDir}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AlertRuleOverrideError';
    this.problems = problems;
  }
}
