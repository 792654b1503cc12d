import { dirname, join, relative } from 'node:path';
import type { Evidence } from '../evidence/evidence.ts';
import { redactDeep } from '../evidence/redact.ts';
import { defaultHistoryPath } from '../history/history-db.ts';
import { recordRun } from '../history/record-run.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { installSignalTeardown, Interrupted } from '../runtime/live-environments.ts';
import { dockerRuntime } from '../runtime/docker/docker-runtime.ts';
import { localRuntime } from '../runtime/local/local-runtime.ts';
import { type Runtime, type RuntimeName, runtimeNames, RuntimeUnavailable } from '../runtime/runtime.ts';
import { bindToRunbook } from '../runbook/bind.ts';
import { type LoadedRunbook, loadRunbook } from '../runbook/load-runbook.ts';
import { runScenarios } from '../runner/run-scenarios.ts';
import type { RestorePhase } from '../runner/phases/restore.ts';
import type { TimelineEvent } from '../runner/timeline.ts';
import { progressLine } from '../reporters/progress.ts';
import { summaryTable } from '../reporters/summary-table.ts';
import { wallReport } from '../reporters/wall-report.ts';
import { restoreReport } from '../reporters/restore-report.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { checkScenarioNames } from '../scenario/scenario-names.ts';
import { ConfigError } from './config-error.ts';
import { notApplicableReason } from '../scenario/applicability.ts';
import { exitCodes } from './exit-codes.ts';
import { concurrencyCount, loadMultiplier, repeatCount } from './count-options.ts';
import { withLoadMultiplier } from '../workload/load-multiplier.ts';
import { repeatReport } from '../reporters/repeat-report.ts';
import { prepareReportDir } from './report-dir.ts';
import { prepareRunOutputs, type RunOutputs, writeRunOutputs } from './run-outputs.ts';
import { loadCatalogue, selectScenarios } from './select-scenarios.ts';
import { chooseSystem, describeConfig, type SystemOptions } from './system-options.ts';
import { topologyOf } from '../topology/topology.ts';
import { shownPath } from '../shown-path.ts';

export interface RunCommandOptions extends SystemOptions {
  suite?: string;
  runtime: string;
  reportDir: string;
  junit?: string;
  summaryMd?: string;
  /** `--repeat N`: each scenario N times, each on a fresh environment (src/runner/repeat.ts). */
  repeat?: string;
  /** `--concurrency N`: N environments at once. */
  concurrency?: string;
  /** `--load-multiplier N`: every scenario's order flow at N times its peak rate (a stress run). */
  loadMultiplier?: string;
  /** `--history FILE` (or FIREDRILL_HISTORY); false for `--no-history`; default <report-dir>/history.sqlite. */
  history?: string | false;
  /** Print the plan and check that it resolves; start nothing (dry-run.ts). */
  dryRun?: boolean;
  /** With dryRun: the plan as JSON. */
  json?: boolean;
}

const runtimes: Record<string, Runtime> = { local: localRuntime, docker: dockerRuntime };

export async function runCommand(ids: string[], options: RunCommandOptions): Promise<number> {
  // A config, runbook or rules firedrill cannot use is exit 2 before anything starts.
  const system = await chooseSystem(options);
  const runtime = runtimeNamed(options.runtime);
  const multiplier = loadMultiplier(options.loadMultiplier);
  const selected = selectScenarios(await loadCatalogue(system.config), ids, options.suite);
  const scenarios = multiplier === undefined ? selected : selected.map((scenario) => withLoadMultiplier(scenario, multiplier));
  // A bad runbook, or a scenario naming a step it lacks, is a RunbookError: exit 2 before anything starts.
  const runbook = await loadRunbook(system.runbookPath);
  const repeat = repeatCount(options.repeat);
  const concurrency = concurrencyCount(options.concurrency);
  if (options.dryRun) {
    const { dryRun } = await import('./dry-run.ts');
    return dryRun(scenarios, {
      config: system.config,
      runbook,
      runtime: runtime.name,
      alertRulesDir: system.alertRulesDir,
      json: options.json,
    });
  }
  bindToRunbook(scenarios, runbook.runbook, runtime.name);
  return executeScenarios(scenarios, {
    ...(repeat > 1 ? { repeat } : {}),
    ...(concurrency > 1 ? { concurrency } : {}),
    runtime,
    runbook,
    config: system.config,
    alertRulesDir: system.alertRulesDir,
    reportDir: options.reportDir,
    label: options.suite ? ` (suite ${options.suite})` : '',
    ...(options.suite ? { suite: options.suite } : {}),
    outputs: { junit: options.junit, summaryMd: options.summaryMd, githubStepSummary: process.env.GITHUB_STEP_SUMMARY || undefined },
    ...(options.history === false ? {} : { history: options.history ?? defaultHistoryPath(options.reportDir) }),
  });
}

export function runtimeNamed(name: string): Runtime {
  const runtime = runtimes[name];
  if (!runtime) throw new ConfigError(`Unknown runtime "${name}"; known runtimes: ${runtimeNames.join(', ')}`);
  return runtime;
}

export interface Execution {
  runtime: Runtime;
  runbook: LoadedRunbook;
  /** The system under test's config: printed, and recorded in the evidence. */
  config: LoadedConfig;
  /** The rules every environment's Prometheus loads; default the config's monitoring.rulesDir. */
  alertRulesDir?: string;
  reportDir: string;
  /** Appended to the opening line: ` (suite release-gate)`. */
  label: string;
  /** The suite run, if one: the JUnit testsuite's and the Markdown summary's name. */
  suite?: string;
  /** Reports for CI written after the run, whatever its verdict (run-outputs.ts). */
  outputs?: RunOutputs;
  /** Runs of each scenario (--repeat); default 1. */
  repeat?: number;
  /** Environments at once (--concurrency); default 1. */
  concurrency?: number;
  /** Phases 4–5 in place of the runbook's steps: a game day's person (src/gameday). */
  restore?: RestorePhase;
  /** Where the run's lines go (default stdout), and the line each timeline event gets (default progressLine). */
  say?: (line: string) => void;
  eventLine?: (event: TimelineEvent) => string | undefined;
  /** The run history the run is appended to (src/history/record-run.ts); absent: not recorded. */
  history?: string;
}

/** Runs the scenarios with progress, prints the summary, and returns the exit code. */
export async function executeScenarios(scenarios: readonly Scenario[], execution: Execution): Promise<number> {
  const { runtime, runbook, alertRulesDir = execution.config.config.monitoring.rulesDir } = execution;
  // A scenario naming a service or link this system lacks is a ScenarioNamesError: exit 2, every name at once, no report dir.
  checkScenarioNames(scenarios, execution.config);
  const reportRoot = await prepareReportDir(execution.reportDir);
  const outputs = execution.outputs ?? {};
  await prepareRunOutputs(outputs);
  if (execution.history) await prepareReportDir(dirname(execution.history), '--history');
  const log = execution.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const eventLine = execution.eventLine ?? progressLine;
  // No engine, a missing image: one clear message before anything starts, not one errored scenario each
  // (unless no scenario applies on this runtime: each is then reported skipped, saying why, and nothing starts).
  const applies = scenarios.some((scenario) => notApplicableReason(scenario, runtime.name) === undefined);
  const unavailable = await (applies ? runtime.preflight?.(topologyOf(execution.config)) : undefined)?.then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof RuntimeUnavailable) return error;
      throw error;
    },
  );
  if (unavailable) {
    process.stderr.write(`firedrill: ${unavailable.message}\n`);
    return exitCodes.notConclusive;
  }
  const controller = new AbortController();
  installSignalTeardown(controller, log);
  log(`firedrill: ${scenarios.length} scenario(s) on the ${runtime.name} runtime${execution.label}`);
  log(`system: ${describeConfig(execution.config)}`);
  log(`runbook: ${runbook.identity.path} v${runbook.identity.version} (sha256 ${runbook.identity.sha256.slice(0, 12)}…)`);
  log(`alert rules: ${relative(process.cwd(), alertRulesDir) || '.'}`);
  const concurrency = execution.concurrency ?? 1;
  if (concurrency > 1) log(`concurrency: ${concurrency} environments at once, each line prefixed with its scenario`);
  const { evidence, reportDir, wall } = await runScenarios(scenarios, {
    runtime,
    runbook,
    config: execution.config,
    alertRulesDir,
    reportDir: reportRoot,
    signal: controller.signal,
    onProgress: log,
    ...(execution.repeat ? { repeat: execution.repeat } : {}),
    ...(concurrency > 1 ? { concurrency } : {}),
    ...(execution.restore ? { restore: execution.restore } : {}),
    onEvent: (scenario, event) => {
      const line = eventLine(event);
      if (line) log(concurrency > 1 ? `  [${scenario.id}] ${line.trimStart()}` : line);
    },
  });
  log(`\n${summaryTable(evidence.scenarios)}`);
  log(wallReport(wall, concurrency));
  const repeats = repeatReport(evidence.repeats);
  if (repeats) log(repeats);
  const restores = restoreReport(evidence.scenarios);
  if (restores) log(restores);
  log(`evidence: ${relative(process.cwd(), reportDir)}/evidence.json (also ${relative(process.cwd(), reportRoot) || '.'}/latest/)`);
  const code = exitCode(scenarios, evidence, runtime.name, controller.signal);
  const problems = await writeRunOutputs(evidence, shownPath(join(reportDir, 'evidence.json')), outputs, execution.suite);
  for (const problem of problems) process.stderr.write(`firedrill: ${problem}\n`);
  // A report asked for and not written: the run did not deliver what it was asked for (a finding stays exit 1).
  const final = problems.length > 0 && code === exitCodes.passed ? exitCodes.notConclusive : code;
  // Appending to the history never changes the exit code: a history not written is a warning (record-run.ts).
  if (execution.history) {
    const warning = recordRun(execution.history, redactDeep(evidence, []), final);
    if (warning) process.stderr.write(`firedrill: ${warning}\n`);
    else log(`history: appended to ${shownPath(execution.history)} (firedrill history)`);
  }
  return final;
}

function exitCode(scenarios: readonly Scenario[], evidence: Evidence, runtimeName: RuntimeName, signal: AbortSignal): number {
  const reason: unknown = signal.reason;
  if (signal.aborted) return reason instanceof Interrupted ? reason.exitCode : exitCodes.interrupted;
  // A scenario that does not apply on this runtime is reported skipped with why, and proves nothing either way.
  const applicable = scenarios.filter((scenario) => notApplicableReason(scenario, runtimeName) === undefined);
  const verdicts = evidence.scenarios.filter((s) => applicable.some((scenario) => scenario.id === s.id)).map((s) => s.verdict);
  // A flaky scenario (--repeat) is a finding whatever its runs' verdicts were: retrying it until it passes would hide it.
  if (verdicts.includes('failed') || evidence.repeats?.some((r) => r.flaky)) return exitCodes.failed;
  if (verdicts.some((v) => v !== 'passed') || verdicts.length < applicable.length || applicable.length === 0)
    return exitCodes.notConclusive;
  return exitCodes.passed;
}
