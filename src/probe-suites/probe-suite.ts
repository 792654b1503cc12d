/**
 * A probe suite: named parts run one after another against an environment,
 * each reported by name with what it saw; the suite fails naming the first
 * part that failed. A runbook step can name one (`suite=post-rollback-smoke`)
 * to run in place of a command the runtime cannot run (src/runner/suite-step.ts).
 *
 *   part 1 ──> part 2 ──> … ──> report { ok, parts: [{ name, ok, detail, durationMs }], failure? }
 *
 * Every part runs, whatever an earlier one saw, so the report shows all that
 * is broken; a part that throws counts as failed, with its error as what it
 * saw. Once the context's signal is aborted (a deadline, an interrupt), the
 * parts left are reported as not run.
 */
import type { Probe, ProbeContext } from '../probes/probe.ts';
import { type Uses, usesOf } from '../scenario/uses.ts';
import type { ProbeSuiteName } from './suite-names.ts';

export interface SuitePart {
  /** How the report names it: `order filled`. */
  readonly name: string;
  readonly probe: Probe;
}

export interface ProbeSuite {
  readonly name: ProbeSuiteName;
  /** Run in this order. */
  readonly parts: readonly SuitePart[];
  readonly uses?: Uses;
}

export interface SuitePartReport {
  readonly name: string;
  /** What holds when it passes: the probe's name. */
  readonly checks: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly durationMs: number;
}

export interface SuiteReport {
  readonly suite: ProbeSuiteName;
  readonly ok: boolean;
  readonly parts: readonly SuitePartReport[];
  /** When not ok: the sentence naming the first part that failed and what it saw. */
  readonly failure?: string;
}

export function defineProbeSuite(name: ProbeSuiteName, parts: readonly SuitePart[]): ProbeSuite {
  return { name, parts, uses: usesOf(...parts.map((part) => part.probe)) };
}

export async function runProbeSuite(suite: ProbeSuite, context: ProbeContext): Promise<SuiteReport> {
  const parts: SuitePartReport[] = [];
  for (const part of suite.parts) {
    if (context.signal.aborted) {
      const why = context.signal.reason instanceof Error ? context.signal.reason.message : String(context.signal.reason);
      parts.push({ name: part.name, checks: part.probe.name, ok: false, detail: `not run: the suite was stopped (${why})`, durationMs: 0 });
      continue;
    }
    const started = performance.now();
    const seen = await part.probe.observe(context).catch((error: unknown) => ({ ok: false, detail: (error as Error).message }));
    parts.push({
      name: part.name,
      checks: part.probe.name,
      ok: seen.ok,
      detail: seen.detail,
      durationMs: Math.round(performance.now() - started),
    });
  }
  const failed = parts.find((part) => !part.ok);
  if (!failed) return { suite: suite.name, ok: true, parts };
  return { suite: suite.name, ok: false, parts, failure: `probe suite "${suite.name}" failed at part "${failed.name}": ${failed.detail}` };
}

/** The report as lines a transcript's stdout holds: one a part, then the verdict. */
export function suiteReportLines(report: SuiteReport): string[] {
  return [
    ...report.parts.map((part) => `${part.ok ? 'ok  ' : 'FAIL'} ${part.name} (${part.durationMs} ms): ${part.detail}`),
    report.ok ? `probe suite "${report.suite}" passed` : report.failure!,
  ];
}
