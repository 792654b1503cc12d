/**
 * What the operator reads when handed the incident: the page, what the
 * system's own signals show (the detection signal as the harness saw it, the
 * runbook's health check as it failed), and how the game day works.
 */
import type { CheckOutcome } from '../runner/phases/check.ts';
import type { TimelineEvent } from '../runner/timeline.ts';
import { formatDuration } from '../dr/format-duration.ts';

export interface BriefingFacts {
  readonly page: readonly string[];
  readonly timeline: readonly TimelineEvent[];
  readonly checks: readonly CheckOutcome[];
  readonly operator: string;
  readonly observer?: string;
  readonly timeLimitMs: number;
  readonly hints: boolean;
  readonly runbook: string;
}

export function briefingLines(facts: BriefingFacts): string[] {
  return [
    `firedrill game day: ${facts.operator} on call${facts.observer ? `, ${facts.observer} observing` : ''}`,
    '',
    ...facts.page,
    '',
    ...seen(facts.timeline, facts.checks),
    '',
    `Follow the runbook (${facts.runbook}). This shell runs in the sandbox with the runbook's variables ($PGHOST, $REDIS_PORT, $ATS_URL, …).`,
    'firedrill watches: the clock stops by itself once service is back; every command line is recorded with its time.',
    `Time limit: ${formatDuration(facts.timeLimitMs)}. The status line before each prompt says what is down and what fires (Enter refreshes it).`,
    `Notes: firedrill note "…" (here, or from another terminal in the same directory as the game day).${facts.hints ? ' Hints: firedrill hint.' : ''}`,
    '',
  ];
}

function seen(timeline: readonly TimelineEvent[], checks: readonly CheckOutcome[]): string[] {
  const detection = timeline.find((e) => e.kind === 'detection.signal' || e.kind === 'detection.missed');
  const observed = detection?.detail.observed ?? detection?.detail.last;
  const health = checks.find((c) => c.name.startsWith('health check during the fault'));
  const output = health?.transcript
    ? [health.transcript.stdout, health.transcript.stderr].filter(Boolean).join('\n').trim().split('\n').slice(-6)
    : [];
  return [
    ...(observed ? [`${String(detection?.detail.signal)}: ${String(observed)}`] : []),
    ...(health?.transcript
      ? [
          `The runbook's health check (${health.transcript.stepId}) exited ${health.transcript.exitCode ?? 'without a status'}:`,
          ...output.map((l) => `  ${l}`),
        ]
      : []),
  ];
}
