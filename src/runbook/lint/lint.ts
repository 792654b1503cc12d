/**
 * Runs every registered rule over a parsed runbook. The context (Prometheus
 * alerting rules, recovery targets) is gathered once, up front; rules are pure.
 */
import { join } from 'node:path';
import { repoRoot } from '../../repo-root.ts';
import type { Runbook } from '../runbook.ts';
import { checkAlertRules } from '../../prometheus/check-alert-rules.ts';
import { shownPath } from '../../shown-path.ts';
import { stepVariableNames } from '../../runtime/step-variable-names.ts';
import { referenceTopology } from '../../topology/topology.ts';
import { readPrometheusAlerts, rulesFilesIn } from './prometheus-rules.ts';
import type { Finding, LintContext } from './rule.ts';
import { lintRules } from './rules/index.ts';
import { type ShellcheckOutcome, shellcheckRunbook } from './shellcheck/shellcheck.ts';
import type { ShellcheckLevel } from './shellcheck/shellcheck-comments.ts';

/** The targets firedrill holds the runbook to (DESIGN.md): DR in 30 minutes, rollback in 30 seconds. */
export const defaultTargets = { disasterRecoveryMs: 30 * 60_000, rollbackMs: 30_000 } as const;
export const defaultPrometheusDir = join(repoRoot, 'fixtures', 'prometheus');
/** ShellCheck's info and above: quoting and `A && B || C` matter in a command run mid-incident; style is taste (README). */
export const defaultShellcheckSeverity: ShellcheckLevel = 'info';

export interface LintOptions {
  /** Where the Prometheus rules files (*.yml) are; default fixtures/prometheus. */
  readonly prometheusDir?: string;
  /** Also check them with `promtool check rules` (PromQL, templates); default false: YAML and structure only. */
  readonly promtool?: boolean;
  readonly targets?: LintContext['targets'];
  /** Ids of the steps the scenarios run (the CLI passes its catalogue's), for steps-exercised. */
  readonly exercisedSteps?: ReadonlySet<string>;
  /** The lowest ShellCheck level reported; default info. */
  readonly shellcheckSeverity?: ShellcheckLevel;
  /** The variables runbook steps get, which ShellCheck is told are assigned; default the reference ATS's (stepVariableNames). */
  readonly stepVariables?: readonly string[];
}

export async function lintContext(options: LintOptions = {}): Promise<LintContext> {
  const dir = options.prometheusDir ?? defaultPrometheusDir;
  const problems = await checkAlertRules(dir, { promtool: options.promtool ?? false });
  const loadable = (await rulesFilesIn(dir)).filter((file) => !problems.some((p) => p.file === shownPath(file)));
  const alerts = (await Promise.all(loadable.map(readPrometheusAlerts))).flat();
  return {
    prometheusAlerts: alerts,
    prometheusFiles: [...new Set(alerts.map((a) => a.file))],
    prometheusProblems: problems,
    targets: options.targets ?? defaultTargets,
    ...(options.exercisedSteps ? { exercisedSteps: options.exercisedSteps } : {}),
  };
}

/** Every finding of every rule, by line then rule order. */
export function lint(runbook: Runbook, context: LintContext): Finding[] {
  const findings = lintRules.flatMap((rule, order) =>
    rule.check(runbook, context).map((finding) => ({ ...finding, severity: finding.severity ?? rule.severity, order })),
  );
  // The runbook's findings first, then other files' (rules files), each by line then rule order.
  return findings
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.order - b.order)
    .map(({ order: _order, ...finding }) => finding);
}

export async function lintRunbook(runbook: Runbook, options: LintOptions = {}): Promise<Finding[]> {
  const [context, shellcheck] = await Promise.all([lintContext(options), shellcheckFor(runbook, options)]);
  return lint(runbook, { ...context, shellcheck });
}

async function shellcheckFor(runbook: Runbook, options: LintOptions): Promise<ShellcheckOutcome> {
  const assigned = options.stepVariables ?? stepVariableNames(await referenceTopology());
  return shellcheckRunbook(runbook, { severity: options.shellcheckSeverity ?? defaultShellcheckSeverity, assigned });
}
