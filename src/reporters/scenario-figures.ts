/**
 * A scenario's measurements beside their targets, as the JUnit and Markdown
 * reports show them: `1234 ms` against `5000 ms`, `—` for what was not
 * measured. The recovery target is the rollback's when the scenario declares
 * one (judge.ts judges it so).
 */
import type { ScenarioResult } from '../runner/scenario-result.ts';

export interface Figure {
  readonly label: string;
  readonly measured: string;
  /** Absent where the scenario declares no target for it. */
  readonly target?: string;
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value} ms`);

export interface Figures {
  readonly detect: Figure;
  readonly recovery: Figure;
  readonly outage: Figure;
  readonly dataLoss: Figure;
  readonly duplicates: Figure;
  /** Only when the scenario declares an RTO target. */
  readonly rto?: Figure;
}

/** In reading order (Object.values lists them so). */
export function scenarioFigures(result: ScenarioResult): Figures {
  const { measured, targets } = result;
  return {
    detect: { label: 'detect', measured: ms(measured.detectMs), target: ms(targets.detectMs) },
    recovery: { label: 'recovery', measured: ms(measured.recoveryMs), target: ms(targets.rollbackMs ?? targets.recoveryMs) },
    outage: { label: 'outage', measured: ms(measured.outageMs) },
    dataLoss: {
      label: 'data loss',
      measured: measured.dataLoss === null ? '—' : String(measured.dataLoss),
      target: String(targets.dataLoss),
    },
    duplicates: { label: 'duplicates', measured: measured.duplicates === null ? '—' : String(measured.duplicates) },
    ...(targets.rtoMs === undefined ? {} : { rto: { label: 'RTO', measured: ms(measured.rtoMs ?? null), target: ms(targets.rtoMs) } }),
  };
}

/** `1234 ms (target 5000 ms)`, or the measurement alone. */
export function figureText(figure: Figure): string {
  return figure.target === undefined ? figure.measured : `${figure.measured} (target ${figure.target})`;
}

/** Scenario time in seconds, from its timeline's last offset (a scenario that never ran: 0). */
export function scenarioSeconds(result: ScenarioResult): number {
  return Math.max(0, ...result.timeline.map((event) => event.t)) / 1000;
}
