import { controlStatuses } from '../controls/control-statuses.ts';
import type { Controls } from '../controls/controls.ts';
import { controlsForConfig } from '../controls/controls-for-config.ts';
import { loadConfigFor } from '../config/load-config.ts';
import type { Evidence } from '../evidence/evidence.ts';
import type { ControlsSection } from '../reporters/html-report/report-input.ts';
import { shownPath } from '../shown-path.ts';
import { loadCatalogue } from './select-scenarios.ts';

/**
 * The report's controls: the controls file of `--controls`, else the config's
 * (see controls-for-config.ts), its scenario ids checked against the config's
 * scenarios; or why there is none.
 */
export async function reportControls(options: { config?: string; controls?: string }): Promise<Controls | { none: string }> {
  const config = await loadConfigFor(options.config);
  const catalogue = await loadCatalogue(config);
  const controls = await controlsForConfig(
    config,
    catalogue.scenarios.map((scenario) => scenario.id),
    options.controls,
  );
  return (
    controls ?? {
      none: `No controls file: ${shownPath(config.file)} runs its own scenarios and names no controls file; set controls: './controls.yaml' in it, or pass --controls FILE.`,
    }
  );
}

/** Each control judged from the run's records, for the page. */
export function controlsSection(controls: Controls | { none: string }, evidence: Evidence): ControlsSection {
  return 'none' in controls ? controls : { file: controls.file, statuses: controlStatuses(controls, evidence.scenarios) };
}
