import { shownPath } from '../shown-path.ts';

/**
 * Scenarios that name services or links the system's config does not declare
 * (scenario-names.ts): every such name at once, each naming the scenario, the
 * field and the names the config does declare. Thrown before anything is
 * provisioned; the CLI exits 2 on it.
 */
export class ScenarioNamesError extends Error {
  readonly configFile: string;
  readonly problems: readonly string[];

  constructor(configFile: string, problems: readonly string[]) {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(
      `config ${shownPath(configFile)} does not declare what the scenarios name (${count}); nothing was started ` +
        '(run them against the system they were written for, or rename to what this config declares):\n' +
        problems.map((p) => `  ${p}`).join('\n'),
    );
    this.name = 'ScenarioNamesError';
    this.configFile = configFile;
    this.problems = problems;
  }
}
