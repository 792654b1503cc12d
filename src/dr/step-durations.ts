/**
 * Which step of a drill took the time. A step that takes more than half of
 * the total (by default) dominates, and the drill says so in one sentence:
 * "pg_basebackup took 535 s of 560 s: 96 %", the kind of step (a checkpoint
 * waited for, a restore without -j) worth fixing before anything else.
 */
import { formatDuration } from './format-duration.ts';

export interface StepTiming {
  readonly id: string;
  readonly durationMs: number;
}

export interface DominantStep {
  readonly id: string;
  readonly durationMs: number;
  readonly totalMs: number;
  /** durationMs / totalMs, 0 to 1. */
  readonly share: number;
}

/** Above this share of the total, a step dominates. */
export const dominanceShare = 0.5;

/** The longest step when it takes more than `threshold` of the total; undefined otherwise (no steps, no time at all, or no such step). */
export function dominantStep(steps: readonly StepTiming[], threshold = dominanceShare): DominantStep | undefined {
  const longest = longestStep(steps);
  if (!longest) return undefined;
  return longest.share > threshold ? longest : undefined;
}

/** One sentence for the drill's output: the dominant step, or that none dominates and which was longest. */
export function describeStepDurations(steps: readonly StepTiming[], threshold = dominanceShare): string {
  const longest = longestStep(steps);
  if (!longest) return steps.length === 0 ? 'no step was timed' : `no step took measurable time (${steps.length} steps, 0 ms in all)`;
  const sentence = `${longest.id} took ${formatDuration(longest.durationMs)} of ${formatDuration(longest.totalMs)}: ${Math.round(longest.share * 100)} %`;
  return longest.share > threshold
    ? `${sentence}, more than ${Math.round(threshold * 100)} % of the total: this step dominates`
    : `no step dominates (none above ${Math.round(threshold * 100)} % of the total); the longest: ${sentence}`;
}

function longestStep(steps: readonly StepTiming[]): DominantStep | undefined {
  for (const step of steps) {
    if (!(step.durationMs >= 0) || !Number.isFinite(step.durationMs)) {
      throw new Error(`Step "${step.id}": duration ${step.durationMs} ms is not a finite, non-negative number of milliseconds`);
    }
  }
  const totalMs = steps.reduce((sum, step) => sum + step.durationMs, 0);
  if (totalMs === 0) return undefined;
  const longest = steps.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
  return { id: longest.id, durationMs: longest.durationMs, totalMs, share: longest.durationMs / totalMs };
}
