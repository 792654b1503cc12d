import { shownPath } from '../shown-path.ts';

/** One problem of a config file: the field it concerns (`services[2].links.postgres.variables`; empty for the whole file) and what is wrong. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * A config file firedrill cannot use: every problem found, each naming the
 * file and the field, so one edit fixes them all. The CLI exits 2 on it
 * before anything starts.
 */
export class ConfigFileError extends Error {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const shown = shownPath(file);
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(
      `config ${shown} has ${count}; nothing was started:\n${problems.map((p) => `  ${shown}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigFileError';
    this.file = file;
    this.problems = problems;
  }
}

/** A field path as the config's author would write it: `services[2].links.postgres.variables`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
