/**
 * The runbook's alert table must agree with the Prometheus rules. The table
 * sits in a section titled like "Alert thresholds", with an `alert` column
 * (the rule's name), a `fires when` / `threshold` column and optionally `for`
 * (or `duration`):
 *
 *   | alert | fires when | for |
 *   | `HostMemoryHigh` | memory used > 85 % | 5 min |
 *
 * Every threshold in the condition (stated-thresholds.ts) must appear as a
 * comparison literal in the rule's expr (85 % matches 85 or 0.85; 30 s
 * matches 30; 2 min matches 120), compared the same way (above, below), and
 * a `for` stated in either column must equal the rule's `for`. Without a
 * rules file: no findings.
 */
import { exprComparisons } from '../comparisons.ts';
import { durationsInText } from '../durations.ts';
import { defineRule, type LintContext, type PrometheusAlert, type RuleFinding } from '../rule.ts';
import { type StatedThreshold, statedCondition } from '../stated-thresholds.ts';
import type { RunbookTable } from '../../runbook.ts';

const column = (table: RunbookTable, name: RegExp) => table.header.findIndex((cell) => name.test(cell.trim()));

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** What is wrong with one stated threshold against the rule's comparisons, or null when the rule has it. */
function thresholdMismatch(stated: StatedThreshold, alert: PrometheusAlert): string | null {
  const equal = exprComparisons(alert.expr).filter((c) => stated.accepts.some((value) => same(c.value, value)));
  if (equal.length === 0) return `the runbook says ${stated.text}, the rule's expr is \`${alert.expr}\``;
  if (equal.some((c) => c.direction === null || stated.direction === null || c.direction === stated.direction)) return null;
  return `the runbook says ${stated.operator} ${stated.text} (${stated.direction}), the rule's expr fires ${equal[0]!.direction} it: \`${alert.expr}\``;
}

function forMismatch(statedText: string, statedSeconds: number, alert: PrometheusAlert): string | null {
  if (alert.forSeconds !== undefined && same(statedSeconds, alert.forSeconds)) return null;
  return `the runbook says for ${statedText}, the rule's for is ${alert.forSeconds === undefined ? 'unset' : `${alert.forSeconds} s`}`;
}

function compareRow(cells: readonly string[], columns: { when: number; for: number }, alert: PrometheusAlert): string[] {
  const condition = statedCondition(cells[columns.when] ?? '');
  const forCell = columns.for >= 0 ? (cells[columns.for] ?? '') : '';
  const statedFor = durationsInText(forCell)[0];
  return [
    ...condition.thresholds.map((stated) => thresholdMismatch(stated, alert)),
    condition.for ? forMismatch(condition.for.text, condition.for.seconds, alert) : null,
    statedFor === undefined ? null : forMismatch(forCell, statedFor / 1000, alert),
  ].filter((mismatch) => mismatch !== null);
}

function checkTable(table: RunbookTable, context: LintContext, ruleId: string): RuleFinding[] {
  const columns = {
    alert: column(table, /^alert( name)?$/i),
    when: column(table, /fires when|threshold|condition/i),
    for: column(table, /^(for|for at least|duration|pending( for)?|sustained( for)?|lasting)$/i),
  };
  if (columns.alert < 0 || columns.when < 0) return [];
  const files = context.prometheusFiles.join(', ');
  return table.rows.flatMap((row) => {
    const name = (row.cells[columns.alert] ?? '').replace(/`/g, '').trim();
    const alert = context.prometheusAlerts.find((a) => a.name === name);
    if (!alert)
      return [{ ruleId, line: row.line, message: `alert "${name}" is not defined in ${files}: add it there or correct the name` }];
    return compareRow(row.cells, columns, alert).map((detail) => ({
      ruleId,
      line: row.line,
      message: `alert "${name}" disagrees with ${alert.file}:${alert.line}: ${detail}; make them agree`,
    }));
  });
}

export const alertThresholds = defineRule({
  id: 'alert-thresholds',
  description: 'Alert thresholds stated in the runbook match the Prometheus alerting rules (when a rules file exists)',
  severity: 'error',
  check(runbook, context) {
    if (context.prometheusAlerts.length === 0) return [];
    const tables = runbook.tables.filter((t) => runbook.sections.find((s) => s.id === t.section && /alert/i.test(s.title)));
    return tables.flatMap((table) => checkTable(table, context, this.id));
  },
});
