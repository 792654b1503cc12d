/**
 * A runbook step bound to a probe suite (```bash {id=rollback.smoke suite=post-rollback-smoke}```):
 * its command (`helm test ats -n trading`) needs Kubernetes, which these
 * runtimes do not have, so the suite runs in its place and the transcript
 * says so: the command as written, the suite that stood in for it and why,
 * each part with what it saw. The instruction is executed, never skipped.
 * A runtime with Kubernetes would run the command itself. The same way,
 * ```bash {id=dr.provision suite=clean-hosts}``` stands in for provisioning
 * real hosts: in a drill they are the environment, rebuilt by firedrill.
 */
import { redact } from '../evidence/redact.ts';
import { defaultStepTimeoutMs } from '../runbook/execute-step.ts';
import { probeSuite } from '../probe-suites/probe-suites.ts';
import { runProbeSuite, suiteReportLines } from '../probe-suites/probe-suite.ts';
import type { ProbeContext } from '../probes/probe.ts';
import type { RunbookStep, StepTranscript } from '../runbook/step.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { ProbeSuiteName } from '../probe-suites/suite-names.ts';

/** None of firedrill's runtimes runs Kubernetes (runtime.ts: local, docker). */
const runtimesWithKubernetes: ReadonlySet<RuntimeName> = new Set();

/** Why each suite runs in place of its step's command on a runtime, or undefined where the command itself runs. */
const standsIn: Record<ProbeSuiteName, (runtime: RuntimeName) => string | undefined> = {
  'post-rollback-smoke': (runtime) => (runtimesWithKubernetes.has(runtime) ? undefined : `the ${runtime} runtime has no Kubernetes`),
  // The command provisions real hosts (Terraform); a drill's hosts are its environment, which only firedrill can rebuild.
  'clean-hosts': (runtime) => `the drill's hosts are firedrill's ${runtime} environment, which only firedrill provisions`,
};

/** The suite to run in place of the step's command on `runtime`, or undefined when the command itself runs. */
export function suiteInPlaceOf(step: RunbookStep, runtime: RuntimeName): RunbookStep['suite'] {
  return step.suite && standsIn[step.suite](runtime) !== undefined ? step.suite : undefined;
}

/** Runs the step's suite against the environment; exit status 0 when every part passed, 1 otherwise, like a test runner. */
export async function runSuiteStep(
  step: RunbookStep & { suite: NonNullable<RunbookStep['suite']> },
  context: ProbeContext,
  secrets: readonly string[],
): Promise<StepTranscript> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  // The step's timeout holds for the suite as for a command: parts not reached by then are reported as not run.
  const deadline = AbortSignal.timeout(step.timeoutMs ?? defaultStepTimeoutMs);
  const report = await runProbeSuite(probeSuite(step.suite), { ...context, signal: AbortSignal.any([context.signal, deadline]) });
  const command = redact(step.run, secrets);
  const inPlaceOf = `${standsIn[step.suite](context.env.runtime)}: firedrill ran probe suite "${step.suite}" in place of the command`;
  return {
    stepId: step.id,
    command,
    exitCode: report.ok ? 0 : 1,
    timedOut: deadline.aborted,
    stdout: redact([`${inPlaceOf}: ${command}`, ...suiteReportLines(report)].join('\n'), secrets),
    stderr: '',
    startedAt,
    durationMs: Math.round(performance.now() - started),
    suite: { ...report, inPlaceOf },
  };
}
