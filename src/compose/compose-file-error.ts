import type { ConfigProblem } from '../config/config-file-error.ts';
import { shownPath } from '../shown-path.ts';

/**
 * A compose file `firedrill init` cannot translate: every problem found, each
 * naming the file and the field (`services.api.image`; none for the whole
 * file). The CLI exits 2 on it and writes nothing.
 */
export class ComposeFileError extends Error {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const shown = shownPath(file);
    const lines = problems.map((p) => `\n  ${shown}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    super(
      `compose file ${shown} has ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}; nothing was written:${lines.join('')}`,
    );
    this.name = 'ComposeFileError';
    this.file = file;
    this.problems = problems;
  }
}
