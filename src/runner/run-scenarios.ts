/**
 * Runs scenarios one after another, each on a freshly provisioned environment
 * that is torn down afterwards whatever happened, and records the evidence.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type LoadedConfig, loadReferenceConfig } from '../config/load-config.ts';
import { alertRulesIdentity } from '../evidence/alert-rules-identity.ts';
import { configIdentity } from '../evidence/config-identity.ts';
import { environmentSecrets } from '../evidence/environment-secrets.ts';
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
import { runScenario } from './run-scenario.ts';
import { alertRulesPerScenario, describeOverrides } from './scenario-alert-rules.ts';
import { notRunResult, type ScenarioResult, withAlertRules, withEnvironment, withTeardownFailure } from './scenario-result.ts';
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
}

export interface RunOutcome {
  readonly evidence: Evidence;
  readonly reportDir: string;
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
  const runId = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
  const rulesOf = await alertRulesPerScenario(scenarios, alertRulesDir, resolve(options.reportDir, runId));
  const recorder = await createEvidenceRecorder(options.reportDir, {
    runId,
    startedAt: startedAt.toISOString(),
    harness: await harnessInfo(),
    config: configIdentity(config),
    runbook: runbook.identity,
    alertRules: await alertRulesIdentity(alertRulesDir),
    runtime: options.runtime.name,
  });
  for (const [index, scenario] of scenarios.entries()) {
    if (options.signal.aborted) {
      await recorder.add(notRunResult(scenario, 'skipped', 'not run: the run was interrupted before it'));
      continue;
    }
    progress(`[${index + 1}/${scenarios.length}] ${scenario.id}: ${scenario.title}`);
    const notApplicable = notApplicableReason(scenario, runtimeName);
    if (notApplicable !== undefined) {
      progress(`  skipped: ${notApplicable}`);
      await recorder.add(notRunResult(scenario, 'skipped', notApplicable));
      continue;
    }
    const rules = rulesOf.get(scenario.id)!;
    for (const line of describeOverrides(rules)) progress(`  ${line}`);
    const { result, secrets } = await runOnFreshEnvironment(
      scenario,
      { ...options, alertRulesDir: rules.dir },
      topology,
      workload,
      progress,
    );
    await recorder.add(withAlertRules(result, rules.evidence), secrets);
  }
  return { evidence: await recorder.finish(), reportDir: recorder.dir };
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
      onProgress: (message) => progress(`  ${message}`),
      ...(scenario.blueGreen?.length ? { blueGreen: scenario.blueGreen } : {}),
    });
  } catch (error) {
    return { result: notRunResult(scenario, 'errored', `environment did not start: ${(error as Error).message}`), secrets: [] };
  }
  progress(`  provisioned in ${Math.round(performance.now() - started)} ms`);
  const secrets = environmentSecrets(env);
  let result: ScenarioResult | undefined;
  try {
    const environment = await env.describe();
    // Progress lines quote step output and probe details: the same redaction as the evidence.
    const onEvent = (event: TimelineEvent) => options.onEvent?.(scenario, redactDeep(event, secrets));
    result = withEnvironment(
      await runScenario(scenario, env, { signal: options.signal, workDir: environment.dir, workload, onEvent }),
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
