import type { Observation } from '../../probes/probe.ts';
import type { StepTranscript } from '../../runbook/step.ts';
import type { CheckContext } from '../../scenario/scenario.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import { runStep } from './remediate.ts';

export interface CheckOutcome extends Observation {
  readonly name: string;
  /** The runbook step the check ran, when it ran one (the health check). */
  readonly transcript?: StepTranscript;
}

/** After recovery: the scenario's extra assertions. A check that throws fails with its error. */
export async function runChecks(run: ScenarioRun, transcripts: StepTranscript[]): Promise<CheckOutcome[]> {
  const context: CheckContext = {
    ...run.probes,
    transcripts,
    async runStep(declared) {
      const step = typeof declared === 'string' ? run.scenario.remediation.find((s) => s.id === declared) : declared;
      if (!step) throw new Error(`no step "${declared}" in scenario "${run.scenario.id}"`);
      const transcript = await runStep(run, step);
      transcripts.push(transcript);
      return transcript;
    },
  };
  const outcomes: CheckOutcome[] = [];
  for (const check of run.scenario.checks) {
    const seen = await check.run(context).catch((error: unknown) => ({ ok: false, detail: `check threw: ${(error as Error).message}` }));
    outcomes.push({ name: check.name, ...seen });
    run.timeline.record(seen.ok ? 'check.passed' : 'check.failed', { check: check.name, detail: seen.detail });
  }
  return outcomes;
}
