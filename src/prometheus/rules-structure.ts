/**
 * What a Prometheus rules file must look like, checked on its YAML with line
 * numbers (promtool names many problems at line 0, or not at all once the
 * YAML does not parse):
 *
 *   groups:                      a list
 *     - name: ats                a non-empty string
 *       rules:                   a list
 *         - alert: X | record: x exactly one of them
 *           expr: up == 0        a non-empty string
 *           for: 2m              a Prometheus duration, when present
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { prometheusDurationSeconds } from '../runbook/lint/durations.ts';
import type { RulesProblem } from './rules-problem.ts';

export function structureProblems(file: string, text: string): RulesProblem[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  if (document.errors.length > 0)
    return document.errors.map((e) => ({
      file,
      line: e.linePos?.[0]?.line ?? 0,
      message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    }));
  const lineOf = (node: unknown) => lines.linePos((node as Node | undefined)?.range?.[0] ?? 0).line;
  const groups = isMap(document.contents) ? document.contents.get('groups', true) : undefined;
  if (!isSeq(groups)) return [{ file, line: 1, message: 'not a Prometheus rules file: expected a top-level `groups:` list' }];
  return groups.items.flatMap((group, g) => {
    if (!isMap(group)) return [{ file, line: lineOf(group), message: `group ${g + 1} is not a map with \`name\` and \`rules\`` }];
    return groupProblems(group, g, (line, message) => ({ file, line, message }), lineOf);
  });
}

function groupProblems(
  group: YAMLMap,
  index: number,
  problem: (line: number, message: string) => RulesProblem,
  lineOf: (node: unknown) => number,
): RulesProblem[] {
  const name = group.get('name');
  const named = typeof name === 'string' && name !== '';
  const label = named ? `group "${name}"` : `group ${index + 1}`;
  const problems: RulesProblem[] = [];
  if (!named) problems.push(problem(lineOf(group), `${label} has no \`name\`: give it one`));
  const rules = group.get('rules', true);
  if (!isSeq(rules)) return [...problems, problem(lineOf(group), `${label} has no \`rules:\` list`)];
  for (const [r, rule] of rules.items.entries()) {
    const where = `${label}, rule ${r + 1}`;
    if (!isMap(rule)) problems.push(problem(lineOf(rule), `${where} is not a map with \`alert\` (or \`record\`) and \`expr\``));
    else problems.push(...ruleProblems(rule, where).map((message) => problem(lineOf(rule), message)));
  }
  return problems;
}

function ruleProblems(rule: YAMLMap, where: string): string[] {
  const alert = rule.get('alert');
  const record = rule.get('record');
  const named = `${where}${typeof alert === 'string' ? ` (alert ${alert})` : typeof record === 'string' ? ` (record ${record})` : ''}`;
  const problems: string[] = [];
  if (rule.has('alert') === rule.has('record')) problems.push(`${named} must have exactly one of \`alert\` and \`record\``);
  const expr = rule.get('expr');
  if (typeof expr !== 'string' || expr.trim() === '') problems.push(`${named} has no \`expr\`: give the PromQL expression it evaluates`);
  const forValue = rule.get('for');
  if (rule.has('for') && prometheusDurationSeconds(String(forValue)) === undefined)
    problems.push(`${named}: \`for: ${String(forValue)}\` is not a Prometheus duration (like 30s, 2m, 1h30m)`);
  return problems;
}

/** The line of rule `ruleNumber` (1-based) of the group named `groupName`; 0 when there is none. */
export function ruleLine(text: string, groupName: string, ruleNumber: number): number {
  const lines = new LineCounter();
  const groups = parseDocument(text, { lineCounter: lines }).get('groups');
  const group = isSeq(groups) ? groups.items.find((item) => isMap(item) && item.get('name') === groupName) : undefined;
  const rules = isMap(group) ? group.get('rules') : undefined;
  const rule = isSeq(rules) ? (rules.items[ruleNumber - 1] as Node | undefined) : undefined;
  return rule?.range ? lines.linePos(rule.range[0]).line : 0;
}
