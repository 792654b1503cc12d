import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { ScenarioDefinitionError } from '../scenario/define-scenario.ts';
import { shownPath } from '../shown-path.ts';
import { ConfigError } from './config-error.ts';

export interface Catalogue {
  scenarios: readonly Scenario[];
  suites: readonly { name: string; description: string; scenarioIds: readonly string[] }[];
}

/**
 * The scenarios a command knows: the config's own (its `scenarios` module's
 * default export, no suites) when it names one, else the shipped scenarios/
 * and suites/. A malformed scenario becomes a ConfigError naming the file and fields.
 */
export async function loadCatalogue(config?: LoadedConfig): Promise<Catalogue> {
  try {
    const own = config?.config.scenarios;
    if (own) return { scenarios: await configScenarios(own), suites: [] };
    const [{ scenarios }, { suites }] = await Promise.all([import('../../scenarios/index.ts'), import('../../suites/suites.ts')]);
    return { scenarios, suites };
  } catch (error) {
    if (error instanceof ScenarioDefinitionError) throw new ConfigError(error.message);
    throw error;
  }
}

async function configScenarios(file: string): Promise<readonly Scenario[]> {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const scenarios = module.default;
  if (!Array.isArray(scenarios) || scenarios.length === 0 || !scenarios.every((s) => typeof s?.id === 'string'))
    throw new ConfigError(
      `${shownPath(file)} (the config's scenarios): expected a default export of the system's scenarios, an array of defineScenario({ … }); got ${Array.isArray(scenarios) ? 'an array of something else' : typeof scenarios}`,
    );
  return scenarios as Scenario[];
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
