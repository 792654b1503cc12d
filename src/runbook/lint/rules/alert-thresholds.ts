/**
 * The runbook's alert table must agree with the Prometheus rules. The table
 * sits in a section titled like "Alert thresholds", with an `alert` column
 * (the rule's name), a `fires when` / `threshold` column and optionally `for`:
 *
 *   | alert | fires when | for |
 *   | `HostMemoryHigh` | memory used > 85 % | 5 min |
 *
 * Every number in the condition must appear as a comparison literal in the
 * rule's expr (85 % matches 85 or 0.85; 30 s matches 30; 2 min matches 120),
 * and `for` must equal the rule's `for`. Without a rules file: no findings.
 */
import { durationsInText } from '../durations.ts';
import { defineRule, type LintContext, type PrometheusAlert, type RuleFinding } from '../rule.ts';
import type { RunbookTable } from '../../runbook.ts';

const column = (table: RunbookTable, name: RegExp) => table.header.findIndex((cell) => name.test(cell.trim()));

/** Numbers in a condition cell, each with the values a rule may write for it. */
function statedThresholds(cell: string): { text: string; accepts: number[] }[] {
  return [...cell.matchAll(/(?<![\w.])(-?\d+(?:\.\d+)?)\s*(%|[a-z]+)?/gi)].map((match) => {
    const value = Number(match[1]);
    const unit = match[2] ?? '';
    if (unit === '%') return { text: match[0].trim(), accepts: [value, value / 100] };
    const ms = durationsInText(`${value} ${unit}`)[0];
    return { text: match[0].trim(), accepts: ms === undefined ? [value] : [ms / 1000] };
  });
}

function comparisonLiterals(expr: string): number[] {
  return [...expr.matchAll(/(?:>=|<=|==|!=|>|<)\s*(?:bool\s+)?(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/gi)].map((m) => Number(m[1]));
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

function compareRow(cells: readonly string[], columns: { when: number; for: number }, alert: PrometheusAlert): string[] {
  const literals = comparisonLiterals(alert.expr);
  const mismatches = statedThresholds(cells[columns.when] ?? '')
    .filter((stated) => !stated.accepts.some((value) => literals.some((literal) => same(literal, value))))
    .map((stated) => `the runbook says ${stated.text}, the rule's expr is \`${alert.expr}\``);
  const statedFor = columns.for >= 0 ? durationsInText(cells[columns.for] ?? '')[0] : undefined;
  if (statedFor !== undefined && (alert.forSeconds === undefined || !same(statedFor / 1000, alert.forSeconds))) {
    mismatches.push(
      `the runbook says for ${cells[columns.for]}, the rule's for is ${alert.forSeconds === undefined ? 'unset' : `${alert.forSeconds} s`}`,
    );
  }
  return mismatches;
}

function checkTable(table: RunbookTable, context: LintContext, ruleId: string): RuleFinding[] {
  const columns = {
    alert: column(table, /^alert( name)?$/i),
    when: column(table, /fires when|threshold|condition/i),
    for: column(table, /^for$/i),
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
