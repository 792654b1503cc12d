/** One thing Prometheus would refuse in a rules file, at a 1-based line (0: the whole file or directory). */
export interface RulesProblem {
  /** The file (or directory) as shown to the user (see shownPath). */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function formatRulesProblem(problem: RulesProblem): string {
  return `${problem.file}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.message}`;
}
