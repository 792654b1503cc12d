/**
 * The regulatory controls a system's scenarios evidence (fixtures/controls.yaml,
 * schema firedrill.controls/v1): each control names its framework and article,
 * what it requires, and the scenarios whose runs evidence it.
 */
export const controlsSchemaId = 'firedrill.controls/v1';

export interface Control {
  /** Unique in the file: `DORA-11`, `SOC2-CC7.4`. */
  readonly id: string;
  readonly framework: string;
  /** The article or criterion: `Art. 11`, `CC7.4`, `242.1004`. */
  readonly reference: string;
  readonly title: string;
  /** What it requires, in one line. */
  readonly requires: string;
  /** Scenario ids; empty when no scenario evidences it yet. */
  readonly scenarios: readonly string[];
  /** What the scenarios leave unevidenced, or to whom the control applies. */
  readonly note?: string;
}

export interface Controls {
  /** Absolute. */
  readonly file: string;
  readonly controls: readonly Control[];
}

/** The ids of the controls a scenario evidences (for a label, a report row), in the file's order. */
export function controlsOf(controls: Controls, scenarioId: string): string[] {
  return controls.controls.filter((control) => control.scenarios.includes(scenarioId)).map((control) => control.id);
}
