/**
 * Runs scenarios one after another (or a few side by side, `concurrency`),
 * each on a freshly provisioned environment that is torn down afterwards
 * whatever happened, and records the evidence.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type LoadedConfig, loadReferenceConfig } from '../config/load-config.ts';
import { alertRulesIdentity } from '../evidence/alert-rules-identity.ts';
import { configIdentity } from '../evidence/config-identity.ts';
import { environmentSecrets } from '../evidence/environment-secrets.ts';
import { hostInfo } from '../evidence/host-info.ts';
import { harnessInfo } from '../evidence/harness-info.ts';
import type { Evidence } from '../evidence/evidence.ts';
import { createEvidenceRecorder } from '../evidence/recorder.ts';
import { redactDeep } from '../evidence/redact.ts';
import { bindToRunbook } from '../runbook/bind.ts';
import { type LoadedRunbook, loadRunbook } from '../runbook/load-runbook.ts';
import type { Environment, Runtime } from '../runtime/runtime.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { notApplicableReason } from '../scenario/applicability.ts';
import { checkScenarioNames } from '../scenario/scenario-names.ts';
import type { RestorePhase } from './phases/restore.ts';
import { orderedPool } from './ordered-pool.ts';
import { runScenario } from './run-scenario.ts';
import { alertRulesPerScenario, describeOverrides } from './scenario-alert-rules.ts';
import { notRunResult, type ScenarioResult, withAlertRules, withEnvironment, withRun, withTeardownFailure } from './scenario-result.ts';
import { repeatSummaries } from './repeat.ts';
import type { TimelineEvent } from './timeline.ts';
import { loadWorkload } from '../workload/load-workload.ts';
import type { WorkloadAdapterFactory } from '../workload/workload-adapter.ts';
import { type Topology, topologyOf } from '../topology/topology.ts';

export interface RunOptions {
  readonly runtime: Runtime;
  readonly reportDir: string;
  /** The system under test: what each environment is built from, recorded in the evidence; the reference ATS's when absent. */
  readonly config?: LoadedConfig;
  readonly signal: AbortSignal;
  /** Where the remediation steps come from; the config's runbook when absent. */
  readonly runbook?: LoadedRunbook;
  /** The directory of Prometheus rules files every environment loads; the config's monitoring.rulesDir when absent. */
  readonly alertRulesDir?: string;
  readonly onProgress?: (message: string) => void;
  readonly onEvent?: (scenario: Scenario, event: TimelineEvent) => void;
  /** Phases 4–5 of every scenario: the runbook's steps unless a game day puts a person there (phases/restore.ts). */
  readonly restore?: RestorePhase;
  /** Runs of each scenario, one after another, each on a fresh environment (repeat.ts); default 1. */
  readonly repeat?: number;
  /**
   * Environments at once (--concurrency); default 1. Each scenario still gets its own, with its own sandbox, ports
   * and fault proxy; they are taken in order, and recorded in order whatever finishes first (ordered-pool.ts).
   */
  readonly concurrency?: number;
}

export interface RunOutcome {
  readonly evidence: Evidence;
  readonly reportDir: string;
  /** How long the whole run took, and each scenario's run from provision to teardown, in ms (the wall a concurrency buys). */
  readonly wall: { readonly totalMs: number; readonly scenarios: readonly { readonly id: string; readonly ms: number }[] };
}

/**
 * Throws, before anything starts, a RunbookError when a scenario names a step
 * the runbook lacks, an AlertRuleOverrideError when its alert rule overrides
 * do not apply to the run's rules, a ConfigFileError when the config's
 * workload module does not load or default-exports no function, a
 * ScenarioNamesError when a scenario names a service or link the config does
 * not declare.
 */
export async function runScenarios(declared: readonly Scenario[], options: RunOptions): Promise<RunOutcome> {
  const progress = options.onProgress ?? (() => {});
  const config = options.config ?? (await loadReferenceConfig());
  checkScenarioNames(declared, config);
  const runbook = options.runbook ?? (await loadRunbook(config.config.runbook));
  const workload = await loadWorkload(config.config.workload, config.file);
  const topology = topologyOf(config);
  const alertRulesDir = options.alertRulesDir ?? config.config.monitoring.rulesDir;
  const scenarios = bindToRunbook(declared, runbook.runbook, options.runtime.name);
  const runtimeName = options.runtime.name;
  const startedAt = new Date();
  const wallStarted = performance.now();
  const runId = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
  const rulesOf = await alertRulesPerScenario(scenarios, alertRulesDir, resolve(options.reportDir, runId));
  const recorder = await createEvidenceRecorder(options.reportDir, {
    runId,
    startedAt: startedAt.toISOString(),
    harness: await harnessInfo(),
    host: hostInfo(),
    config: configIdentity(config),
    runbook: runbook.identity,
    alertRules: await alertRulesIdentity(alertRulesDir),
    runtime: options.runtime.name,
  });
  const repeat = options.repeat ?? 1;
  const concurrency = options.concurrency ?? 1;
  const took: { id: string; ms: number }[] = [];
  const runs = scenarios.flatMap((scenario, index) =>
    Array.from({ length: repeat }, (_, run) => ({ scenario, index, of: repeat > 1 ? { index: run + 1, of: repeat } : undefined })),
  );
  await orderedPool(
    runs,
    concurrency,
    async ({ scenario, index, of }): Promise<{ result: ScenarioResult; secrets?: readonly string[] }> => {
      if (options.signal.aborted) return { result: notRunResult(scenario, 'skipped', 'not run: the run was interrupted before it') };
      progress(`[${index + 1}/${scenarios.length}] ${scenario.id}: ${scenario.title}${of ? ` (run ${of.index} of ${of.of})` : ''}`);
      // Side by side, each line says whose it is.
      const say = concurrency > 1 ? (line: string) => progress(`  [${scenario.id}] ${line}`) : (line: string) => progress(`  ${line}`);
      const notApplicable = notApplicableReason(scenario, runtimeName);
      if (notApplicable !== undefined) {
        say(`skipped: ${notApplicable}`);
        return { result: notRunResult(scenario, 'skipped', notApplicable) };
      }
      const rules = rulesOf.get(scenario.id)!;
      for (const line of describeOverrides(rules)) say(line);
      const started = performance.now();
      const { result, secrets } = await runOnFreshEnvironment(scenario, { ...options, alertRulesDir: rules.dir }, topology, workload, say);
      took.push({ id: scenario.id, ms: Math.round(performance.now() - started) });
      return { result: withAlertRules(result, rules.evidence), secrets };
    },
    async ({ result, secrets }, item) => {
      await recorder.add(withRun(result, runs[item]!.of), secrets);
    },
  );
  const evidence = await recorder.finish(repeat > 1 ? { repeats: repeatSummaries(recorder.results()) } : {});
  return { evidence, reportDir: recorder.dir, wall: { totalMs: Math.round(performance.now() - wallStarted), scenarios: took } };
}

async function runOnFreshEnvironment(
  scenario: Scenario,
  options: RunOptions,
  topology: Topology,
  workload: WorkloadAdapterFactory,
  progress: (message: string) => void,
): Promise<{ result: ScenarioResult; secrets: readonly string[] }> {
  let env: Environment;
  const started = performance.now();
  try {
    env = await options.runtime.provision(options.signal, {
      topology,
      alertRulesDir: options.alertRulesDir,
      onProgress: progress,
      ...(scenario.blueGreen?.length ? { blueGreen: scenario.blueGreen } : {}),
    });
  } catch (error) {
    return { result: notRunResult(scenario, 'errored', `environment did not start: ${(error as Error).message}`), secrets: [] };
  }
  progress(`provisioned in ${Math.round(performance.now() - started)} ms`);
  const secrets = environmentSecrets(env);
  let result: ScenarioResult | undefined;
  try {
    const environment = await env.describe();
    // Progress lines quote step output and probe details: the same redaction as the evidence.
    const onEvent = (event: TimelineEvent) => options.onEvent?.(scenario, redactDeep(event, secrets));
    result = withEnvironment(
      await runScenario(scenario, env, {
        signal: options.signal,
        workDir: environment.dir,
        workload,
        onEvent,
        ...(options.restore ? { restore: options.restore } : {}),
      }),
      environment,
    );
  } finally {
    const teardownError = await Promise.resolve(env[Symbol.asyncDispose]()).then(
      () => undefined,
      (error: unknown) => `teardown failed: ${(error as Error).message}`,
    );
    if (teardownError && result) result = withTeardownFailure(result, teardownError);
  }
  return { result, secrets };
}
