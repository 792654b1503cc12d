/**
 * A scenario's measurements against each target it declares, each marked met
 * or missed as judge.ts judges it: detect from the fault, recovery (or the
 * rollback) from the remediation's start, data loss, and the RTO when
 * declared. Not measured is missed. Pure.
 */
import type { ScenarioResult } from '../../runner/scenario-result.ts';

export interface JudgedFigure {
  readonly label: string;
  readonly measured: number | null;
  readonly target: number;
  readonly unit: 'ms' | 'orders';
  readonly met: boolean;
}

export function judgedFigures(result: ScenarioResult): JudgedFigure[] {
  const { measured, targets } = result;
  const figure = (label: string, value: number | null | undefined, target: number, unit: JudgedFigure['unit']): JudgedFigure => {
    const m = value ?? null;
    return { label, measured: m, target, unit, met: m !== null && m <= target };
  };
  return [
    figure('detect', measured.detectMs, targets.detectMs, 'ms'),
    figure(targets.rollbackMs === undefined ? 'recovery' : 'rollback', measured.recoveryMs, targets.rollbackMs ?? targets.recoveryMs, 'ms'),
    figure('data loss', measured.dataLoss, targets.dataLoss, 'orders'),
    ...(targets.rtoMs === undefined ? [] : [figure('RTO', measured.rtoMs ?? measured.outageMs, targets.rtoMs, 'ms')]),
  ];
}

/** `742 ms ≤ 30000 ms`; `— (target 5000 ms)` when not measured. */
export function figureLine(f: JudgedFigure): string {
  const unit = (n: number) => (f.unit === 'ms' ? `${n} ms` : String(n));
  return f.measured === null ? `not measured (target ${unit(f.target)})` : `${unit(f.measured)} ${f.met ? '≤' : '>'} ${unit(f.target)}`;
}
