/**
 * The controls a command uses: `--controls FILE`, else the config's
 * `controls`, else — for a config running the reference scenarios —
 * fixtures/controls.yaml. A config with its own scenarios and no controls
 * file has none (the reference file names scenarios it does not have).
 * Scenario ids are checked against the config's scenarios.
 */
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import { repoRoot } from '../repo-root.ts';
import type { Controls } from './controls.ts';
import { loadControls } from './load-controls.ts';

export const referenceControlsFile = join(repoRoot, 'fixtures', 'controls.yaml');

export function controlsFileFor(config: LoadedConfig | undefined, explicit?: string): string | undefined {
  if (explicit !== undefined) return explicit;
  if (config?.config.controls) return config.config.controls;
  return config?.config.scenarios ? undefined : referenceControlsFile;
}

/** Undefined when the config names no controls file and runs its own scenarios. */
export async function controlsForConfig(
  config: LoadedConfig | undefined,
  knownScenarios: readonly string[],
  explicit?: string,
): Promise<Controls | undefined> {
  const file = controlsFileFor(config, explicit);
  return file === undefined ? undefined : loadControls(file, { knownScenarios });
}
