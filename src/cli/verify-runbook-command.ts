/**
 * `firedrill verify-runbook --base REV [--head REV]`: what changed in the
 * runbook, its lint, and exactly the scenarios bound to the changed steps,
 * run against the head version. Nothing changed → says so, exit 0.
 */
import { lintRunbook } from '../runbook/lint/lint.ts';
import { diffRunbooks, isUnchanged, type RunbookDiff } from '../runbook/diff.ts';
import { runbookVersions } from '../runbook/git-versions.ts';
import { loadRunbook } from '../runbook/load-runbook.ts';
import { parseRunbook } from '../runbook/parse.ts';
import type { Runbook } from '../runbook/runbook.ts';
import { stepVariableNames } from '../runtime/step-variable-names.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { topologyOf } from '../topology/topology.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';
import { executeScenarios, runtimeNamed } from './run-command.ts';
import { loadCatalogue } from './select-scenarios.ts';
import { chooseSystem } from './system-options.ts';
import { stepIdsRunBy } from '../scenario/step-coverage.ts';

export interface VerifyRunbookOptions {
  base: string;
  head?: string;
  /** The system's config; its runbook is the one verified unless --runbook names another. */
  config?: string;
  runbook?: string;
  runtime: string;
  reportDir: string;
  dryRun?: boolean;
}

export async function verifyRunbookCommand(options: VerifyRunbookOptions): Promise<number> {
  const system = await chooseSystem({ config: options.config, runbook: options.runbook });
  const runtime = runtimeNamed(options.runtime);
  // Disposed when the command ends, whatever happens: removes the temp copy of the --head version.
  await using versions = await runbookVersions(system.runbookPath, options.base, options.head).catch((error: Error) => {
    throw new ConfigError(error.message);
  });
  const head = await loadRunbook(versions.headFile);
  const base = versions.baseText === undefined ? undefined : parseRunbook(versions.baseText, `${versions.pathInRepo}@${options.base}`);
  const diff = diffRunbooks(base, head.runbook);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (isUnchanged(diff)) {
    log(`${versions.pathInRepo}: unchanged between ${options.base} and ${versions.headLabel}; nothing to verify.`);
    return exitCodes.passed;
  }
  describeDiff(diff, versions.pathInRepo, options.base, versions.headLabel, log);
  const lintErrors = await printLint(head.runbook, stepVariableNames(topologyOf(system.config)), log);
  const selected = boundScenarios((await loadCatalogue(system.config)).scenarios, diff, log);
  if (selected.length === 0 || options.dryRun) {
    log(selected.length === 0 ? 'No scenario uses a changed step: lint only.' : 'Dry run: nothing executed.');
    return lintErrors > 0 ? exitCodes.failed : exitCodes.passed;
  }
  const code = await executeScenarios(selected, {
    runtime,
    runbook: head,
    config: system.config,
    alertRulesDir: system.alertRulesDir,
    reportDir: options.reportDir,
    label: ' (verify-runbook)',
  });
  return lintErrors > 0 && code === exitCodes.passed ? exitCodes.failed : code;
}

function describeDiff(diff: RunbookDiff, path: string, base: string, head: string, log: (line: string) => void): void {
  log(`${path}: changes between ${base} and ${head}`);
  const list = (label: string, items: readonly string[]) => items.length > 0 && log(`  ${label}: ${items.join(', ')}`);
  list('steps changed', diff.changedSteps);
  list('steps added', diff.addedSteps);
  list('steps removed', diff.removedSteps);
  list('sections changed', diff.changedSections);
}

async function printLint(runbook: Runbook, stepVariables: readonly string[], log: (line: string) => void): Promise<number> {
  const findings = await lintRunbook(runbook, { stepVariables });
  for (const f of findings) log(`  lint ${runbook.file}:${f.line}${f.column ? `:${f.column}` : ''} ${f.ruleId} ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  log(`Lint: ${findings.length === 0 ? 'no findings' : `${findings.length} finding(s), ${errors} error(s)`}`);
  return errors;
}

/** The scenarios that run a changed or added step, each printed with why. */
function boundScenarios(scenarios: readonly Scenario[], diff: RunbookDiff, log: (line: string) => void): Scenario[] {
  const touched = new Set([...diff.changedSteps, ...diff.addedSteps]);
  return scenarios.filter((scenario) => {
    const uses = [...new Set(stepIdsRunBy(scenario))].filter((id) => touched.has(id));
    if (uses.length > 0) log(`  will run ${scenario.id}: it uses ${uses.join(', ')}`);
    return uses.length > 0;
  });
}
