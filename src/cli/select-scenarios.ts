import type { Scenario } from '../scenario/scenario.ts';
import { ScenarioDefinitionError } from '../scenario/define-scenario.ts';
import { ConfigError } from './config-error.ts';

export interface Catalogue {
  scenarios: readonly Scenario[];
  suites: readonly { name: string; description: string; scenarioIds: readonly string[] }[];
}

/** Loads scenarios/ and suites/; a malformed scenario file becomes a ConfigError naming the file and fields. */
export async function loadCatalogue(): Promise<Catalogue> {
  try {
    const [{ scenarios }, { suites }] = await Promise.all([import('../../scenarios/index.ts'), import('../../suites/suites.ts')]);
    return { scenarios, suites };
  } catch (error) {
    if (error instanceof ScenarioDefinitionError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Scenarios named on the command line, or in the suite, or all of them; unknown names list the known ones. */
export function selectScenarios(catalogue: Catalogue, ids: readonly string[], suiteName: string | undefined): Scenario[] {
  const byId = new Map(catalogue.scenarios.map((s) => [s.id, s]));
  const known = [...byId.keys()].join(', ');
  let wanted = [...ids];
  if (suiteName !== undefined) {
    const suite = catalogue.suites.find((s) => s.name === suiteName);
    if (!suite) throw new ConfigError(`Unknown suite "${suiteName}"; known suites: ${catalogue.suites.map((s) => s.name).join(', ')}`);
    wanted = [...suite.scenarioIds, ...wanted.filter((id) => !suite.scenarioIds.includes(id))];
  }
  if (wanted.length === 0) return [...byId.values()];
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new ConfigError(
      `Unknown scenario${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}; known scenarios: ${known}`,
    );
  return wanted.map((id) => byId.get(id)!);
}
