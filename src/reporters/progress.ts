import type { TimelineEvent } from '../runner/timeline.ts';
import { rateText } from '../workload/load-multiplier.ts';

const shown: Record<string, (detail: Record<string, unknown>) => string> = {
  'steady-state.held': () => 'steady state holds',
  'steady-state.unmet': (d) => `steady state unmet: ${String(d.observations)}`,
  'fault.injected': (d) => `fault injected: ${String(d.description)}`,
  'detection.signal': (d) => `detected after ${String(d.detectMs)} ms: ${String(d.signal)}`,
  'detection.missed': (d) => `NOT detected: ${String(d.signal)} (last: ${String(d.last)})`,
  'alert.waiting': (d) => `waiting for alert ${String(d.alert)} to fire (target ${String(d.withinMs)} ms after injection)`,
  'alert.firing': (d) => `alert ${String(d.alert)} firing ${String(d.firedMs)} ms after injection (Prometheus' clock)`,
  'alert.missed': (d) => `alert ${String(d.alert)} did NOT fire (last: ${String(d.last)})`,
  'fault-watch.blind': (d) => `fault watch looked again: "${String(d.probe)}" ${String(d.observed)}`,
  'step.skipped': (d) => `runbook step ${String(d.stepId)} ${String(d.reason)}`,
  'step.started': (d) =>
    `runbook step ${String(d.stepId)}: ${String(d.title)}${d.suite ? ` (probe suite ${String(d.suite)} in place of its command)` : ''}`,
  'step.finished': (d) => `runbook step ${String(d.stepId)} exited ${String(d.exitCode)} in ${String(d.durationMs)} ms`,
  'step.failed': (d) => `runbook step failed: ${String(d.reason)}`,
  'step.service-after': (d) => `  service ${d.restored ? 'restored' : `not restored: ${String(d.detail)}`}`,
  'recovery.held': () => 'steady state restored',
  'recovery.missed': (d) => `steady state NOT restored: ${String(d.observations)}`,
  'integrity.checked': (d) => `integrity: ${String(d.detail)}`,
  'load.measured': (d) =>
    `load: asked ${rateText(Number(d.askedPerSec))} orders/s${Number(d.multiplier) > 1 ? ` (${String(d.multiplier)} × the peak ${rateText(Number(d.peakPerSec))})` : ''}, ` +
    `sent ${rateText(Number(d.achievedPerSec))}/s${Number(d.heldBack) > 0 ? `, ${String(d.heldBack)} held back` : ''}`,
  'check.passed': (d) => `check passed: ${String(d.check)}`,
  'check.failed': (d) => `check FAILED: ${String(d.check)}: ${String(d.detail)}`,
  'fault.reverted': (d) => `fault reverted: ${String(d.description)}`,
  'fault.revert-failed': (d) => `fault revert FAILED: ${String(d.description)}: ${String(d.error)}`,
  'scenario.errored': (d) => `errored: ${String(d.error).split('\n')[0]}`,
  'scenario.finished': (d) => `verdict: ${String(d.verdict)}`,
};

/** What a timeline event says to a reader (`fault injected: …`), or undefined for events not worth a line. */
export function eventText(event: TimelineEvent): string | undefined {
  return shown[event.kind]?.(event.detail);
}

/** One progress line for a timeline event, or undefined for events not worth a line. */
export function progressLine(event: TimelineEvent): string | undefined {
  const text = eventText(event);
  return text === undefined ? undefined : `  ${`+${(event.t / 1000).toFixed(1)}s`.padStart(7)}  ${text}`;
}
