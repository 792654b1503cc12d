/**
 * Whether Prometheus would load a directory of alert rules, and if not, every
 * reason at once, each naming the file and line. One check for both users:
 * `firedrill run --alert-rules DIR` refuses to start on any problem (exit 2),
 * and `firedrill lint-runbook --prometheus-rules DIR` lists them as findings.
 *
 *   *.yml files of DIR ──> structure (YAML, groups, rules, expr, for) ──> promtool check rules (the files without problems)
 */
import { readFile } from 'node:fs/promises';
import { rulesFilesIn } from '../monitoring/alert-rules.ts';
import { shownPath } from '../shown-path.ts';
import { promtoolProblems } from './promtool-check.ts';
import type { RulesProblem } from './rules-problem.ts';
import { ruleLine, structureProblems } from './rules-structure.ts';

export interface CheckAlertRulesOptions {
  /** Also run `promtool check rules` (PromQL, templates); default true. */
  readonly promtool?: boolean;
}

export async function checkAlertRules(dir: string, options: CheckAlertRulesOptions = {}): Promise<RulesProblem[]> {
  let files: string[];
  try {
    files = await rulesFilesIn(dir);
  } catch (error) {
    return [{ file: shownPath(dir), line: 0, message: (error as Error).message }];
  }
  const texts = new Map(await Promise.all(files.map(async (file) => [file, await readFile(file, 'utf8')] as const)));
  const problems = files.flatMap((file) => structureProblems(shownPath(file), texts.get(file)!));
  if (options.promtool === false) return problems;
  const clean = files.filter((file) => !problems.some((p) => p.file === shownPath(file)));
  const found = await promtoolProblems(clean, shownPath);
  return [...problems, ...found.map((problem) => located(problem, files, texts))];
}

/** promtool names some rules by group and number only (`group "ats", rule 2, …`): give those their line. */
function located(problem: RulesProblem, files: readonly string[], texts: ReadonlyMap<string, string>): RulesProblem {
  const rule = /group "([^"]+)", rule (\d+)/.exec(problem.message);
  const file = files.find((f) => shownPath(f) === problem.file);
  if (problem.line > 0 || !rule || file === undefined) return problem;
  return { ...problem, line: ruleLine(texts.get(file)!, rule[1]!, Number(rule[2])) };
}
