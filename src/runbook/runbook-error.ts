/** One problem in a runbook file, at a 1-based line (0 when it concerns the whole file). */
export interface RunbookProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * A runbook that cannot be used: every problem found, each naming the file and
 * line, so one edit fixes them all. The CLI turns it into a configuration error.
 */
export class RunbookError extends Error {
  readonly file: string;
  readonly problems: readonly RunbookProblem[];

  constructor(file: string, problems: readonly RunbookProblem[]) {
    super(problems.map((p) => `${file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`).join('\n'));
    this.name = 'RunbookError';
    this.file = file;
    this.problems = problems;
  }
}
