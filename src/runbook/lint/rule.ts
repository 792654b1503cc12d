/**
 * A lint rule: one file in rules/, one pure `check` over the parsed runbook.
 * Findings carry the 1-based line they concern (1 when it is the whole file)
 * and a message that says what to do. `lint.ts` runs every registered rule.
 */
import type { RulesProblem } from '../../prometheus/rules-problem.ts';
import type { Runbook } from '../runbook.ts';
import type { ShellcheckOutcome } from './shellcheck/shellcheck.ts';

/** SARIF's levels, so that reports map one to one. */
export type Severity = 'error' | 'warning' | 'note';

export interface RuleFinding {
  readonly ruleId: string;
  readonly message: string;
  readonly line: number;
  /** Set when the finding is in another file than the runbook (a Prometheus rules file), as shown to the user. */
  readonly file?: string;
  /** 1-based, when the rule knows where on the line (ShellCheck does); the end column is exclusive. */
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Set by a rule whose findings differ in weight (ShellCheck's levels); otherwise the rule's severity. */
  readonly severity?: Severity;
}

export interface Finding extends RuleFinding {
  readonly severity: Severity;
}

export interface PrometheusAlert {
  readonly name: string;
  readonly expr: string;
  /** The rule's `for`, in seconds; undefined when it has none. */
  readonly forSeconds?: number;
  readonly file: string;
  readonly line: number;
}

export interface LintContext {
  /** Alerting rules from the Prometheus rules files; empty when there are none (the threshold rule then reports nothing). */
  readonly prometheusAlerts: readonly PrometheusAlert[];
  /** The rules files read, relative to the working directory (named in messages). */
  readonly prometheusFiles: readonly string[];
  /** What Prometheus would refuse in those files (their alerts are left out of prometheusAlerts). */
  readonly prometheusProblems?: readonly RulesProblem[];
  /** The targets the DR and rollback sections must state. */
  readonly targets: { readonly disasterRecoveryMs: number; readonly rollbackMs: number };
  /** Ids of the steps the scenarios run; absent, nobody said, and steps-exercised reports nothing. */
  readonly exercisedSteps?: ReadonlySet<string>;
  /** What ShellCheck said about the shell blocks; absent, it was not run, and the shellcheck rule reports nothing. */
  readonly shellcheck?: ShellcheckOutcome;
}

export interface LintRule<Id extends string = string> {
  readonly id: Id;
  readonly description: string;
  readonly severity: Severity;
  check(runbook: Runbook, context: LintContext): RuleFinding[];
}

/** Keeps the rule's id as a literal type, so the registry knows every id. */
export function defineRule<const Id extends string>(rule: LintRule<Id>): LintRule<Id> {
  return rule;
}
