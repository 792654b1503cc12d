import { shownPath } from '../shown-path.ts';

/** One problem of a controls file: its 1-based line (0: the whole file), the field (`controls[3].scenarios[1]`) and what is wrong. */
export interface ControlsProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** A controls file firedrill cannot use: every problem at once, each naming file, line and field. The CLI exits 2 on it. */
export class ControlsFileError extends Error {
  readonly file: string;
  readonly problems: readonly ControlsProblem[];

  constructor(file: string, problems: readonly ControlsProblem[]) {
    const shown = shownPath(file);
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    const lines = problems.map((p) => `\n  ${shown}${p.line > 0 ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    super(`controls file ${shown} has ${count}:${lines.join('')}`);
    this.name = 'ControlsFileError';
    this.file = file;
    this.problems = problems;
  }
}
