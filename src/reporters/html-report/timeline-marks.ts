/**
 * What a scenario's timeline chart shows, read from its timeline events
 * (ms since the scenario started): the fault, the detection, each expected
 * alert (fired or missed), the remediation's start, each runbook step as a
 * bar from start to finish, the recovery, and the target lines (detect and alert targets from the fault,
 * the recovery or rollback target from the remediation's start, the RTO from
 * the fault). A scenario that never ran has an empty chart. Pure.
 */
import type { ScenarioResult } from '../../runner/scenario-result.ts';
import type { TimelineEvent } from '../../runner/timeline.ts';

export interface Point {
  readonly lane: string;
  readonly t: number;
  readonly label: string;
  readonly kind: 'fault' | 'detected' | 'alert' | 'missed' | 'remediation' | 'recovered';
}

export interface Bar {
  readonly lane: string;
  readonly from: number;
  readonly to: number;
  /** `exit 0, 0.4 s`: the exit code, not judged (a health check during the fault is meant to fail). */
  readonly label: string;
}

export interface TargetLine {
  readonly label: string;
  readonly t: number;
  readonly pattern: string;
}

export interface TimelineMarks {
  /** The last event's offset. */
  readonly end: number;
  readonly points: readonly Point[];
  readonly bars: readonly Bar[];
  readonly targets: readonly TargetLine[];
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');

export function timelineMarks(result: ScenarioResult): TimelineMarks {
  const events = result.timeline;
  const at = (kind: string) => events.find((event) => event.kind === kind)?.t;
  const fault = at('fault.injected');
  const remediation = at('remediation.started');
  const recovered = at('recovery.held');
  const sinceFault = (t: number) => (fault === undefined ? '' : ` +${seconds(t - fault)}`);
  const points: Point[] = [
    ...(fault === undefined ? [] : [{ lane: 'fault injected', t: fault, label: 'fault', kind: 'fault' as const }]),
    ...events
      .filter((e) => e.kind === 'detection.signal')
      .slice(0, 1)
      .map((e) => ({ lane: 'detected', t: e.t, label: `detected${sinceFault(e.t)}`, kind: 'detected' as const })),
    ...alertPoints(events, sinceFault),
    ...(remediation === undefined
      ? []
      : [{ lane: 'remediation started', t: remediation, label: `remediation${sinceFault(remediation)}`, kind: 'remediation' as const }]),
    ...(recovered === undefined
      ? []
      : [{ lane: 'recovered', t: recovered, label: `recovered${sinceFault(recovered)}`, kind: 'recovered' as const }]),
  ];
  const { targets: declared } = result;
  const recoveryTarget = declared.rollbackMs ?? declared.recoveryMs;
  const targets: TargetLine[] = [
    ...(fault === undefined
      ? []
      : [{ label: `detect target ${seconds(declared.detectMs)}`, t: fault + declared.detectMs, pattern: '6 3' }]),
    ...(remediation === undefined
      ? []
      : [
          {
            label: `${declared.rollbackMs ? 'rollback' : 'recovery'} target ${seconds(recoveryTarget)}`,
            t: remediation + recoveryTarget,
            pattern: '2 2',
          },
        ]),
    ...(fault === undefined || declared.rtoMs === undefined
      ? []
      : [{ label: `RTO ${seconds(declared.rtoMs)}`, t: fault + declared.rtoMs, pattern: '8 2 2 2' }]),
  ];
  return { end: Math.max(0, ...events.map((e) => e.t)), points, bars: stepBars(events), targets };
}

function alertPoints(events: readonly TimelineEvent[], sinceFault: (t: number) => string): Point[] {
  return events.flatMap((e): Point[] => {
    const alert = text(e.detail.alert);
    if (e.kind === 'alert.firing') return [{ lane: `alert ${alert}`, t: e.t, label: `fired${sinceFault(e.t)}`, kind: 'alert' }];
    if (e.kind === 'alert.missed') return [{ lane: `alert ${alert}`, t: e.t, label: 'did not fire', kind: 'missed' }];
    return [];
  });
}

/** Each step.started paired with the next step.finished of the same step id. */
function stepBars(events: readonly TimelineEvent[]): Bar[] {
  const bars: Bar[] = [];
  events.forEach((start, i) => {
    if (start.kind !== 'step.started') return;
    const id = text(start.detail.stepId);
    const end = events
      .slice(i + 1)
      .find((e) => (e.kind === 'step.finished' || e.kind === 'step.failed') && e.detail.stepId === start.detail.stepId);
    const exit = end?.detail.exitCode;
    bars.push({
      lane: `step ${id}`,
      from: start.t,
      to: end?.t ?? start.t,
      label:
        end === undefined
          ? 'no end recorded'
          : `exit ${exit === null || exit === undefined ? '—' : text(exit)}, ${seconds(end.t - start.t)}`,
    });
  });
  return bars;
}
