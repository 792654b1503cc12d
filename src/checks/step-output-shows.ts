/**
 * A diagnostic runbook step is judged by what it shows the operator. The
 * runbook promises that `redis.latency-check` tells whether Redis or the
 * network is slow: its output must carry the readings that tell. A step that
 * runs and shows nothing of the kind (a no-op, a command that lost its output)
 * fails, naming the step and what is missing.
 */
import type { StepTranscript } from '../runbook/step.ts';
import type { Check } from '../scenario/scenario.ts';

export interface Shown {
  /** What the operator reads there: `the PING time from the Redis host`. */
  readonly what: string;
  /** Must match somewhere in the step's stdout. */
  readonly pattern: RegExp;
}

export function stepOutputShows(stepId: string, shows: readonly Shown[]): Check {
  return {
    name: `${stepId} shows ${shows.map((s) => s.what).join(' and ')}`,
    async run({ transcripts }) {
      const ran = transcripts.find((t) => t.stepId === stepId && t.skipped === undefined);
      if (!ran) return { ok: false, detail: `runbook step "${stepId}" did not run, so it showed nothing` };
      const missing = shows.filter((s) => !s.pattern.test(ran.stdout));
      if (missing.length === 0) return { ok: true, detail: `runbook step "${stepId}" shows ${shows.map((s) => s.what).join(' and ')}` };
      return {
        ok: false,
        detail:
          `runbook step "${stepId}" ran (${exitOf(ran)}) but its output does not show ` +
          `${missing.map((m) => `${m.what} (${String(m.pattern)})`).join(' nor ')}; it printed: ${excerpt(ran.stdout)}`,
      };
    },
  };
}

function exitOf(transcript: StepTranscript): string {
  return transcript.timedOut ? 'timed out' : `exit ${transcript.exitCode ?? 'by a signal'}`;
}

function excerpt(stdout: string, max = 200): string {
  const text = stdout.trim().replace(/\s+/g, ' ');
  if (text === '') return '(nothing)';
  return `"${text.length > max ? `…${text.slice(-max)}` : text}"`;
}
