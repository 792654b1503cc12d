/**
 * Alerting rules read from Prometheus rules files (`groups[].rules[]` with
 * `alert`, `expr`, optional `for`), parsed with the `yaml` library so that
 * each alert keeps its line. A file that is not valid YAML or not a rules
 * file is a RunbookError naming it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { shownPath } from '../../shown-path.ts';
import { RunbookError } from '../runbook-error.ts';
import { prometheusDurationSeconds } from './durations.ts';
import type { PrometheusAlert } from './rule.ts';

/** The `*.yml` / `*.yaml` files of a directory, sorted; none when it does not exist. */
export async function rulesFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export async function readPrometheusAlerts(path: string): Promise<PrometheusAlert[]> {
  const file = shownPath(path);
  const lineCounter = new LineCounter();
  const document = parseDocument(await readFile(path, 'utf8'), { lineCounter });
  if (document.errors.length > 0) {
    throw new RunbookError(
      file,
      document.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? 0, message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const groups = document.get('groups');
  if (!isSeq(groups))
    throw new RunbookError(file, [{ line: 1, message: 'not a Prometheus rules file: expected a top-level `groups:` list' }]);
  const alerts: PrometheusAlert[] = [];
  for (const group of groups.items) {
    const rules = isMap(group) ? group.get('rules') : undefined;
    for (const rule of isSeq(rules) ? rules.items : []) if (isMap(rule) && rule.has('alert')) alerts.push(toAlert(rule, file, lineCounter));
  }
  return alerts;
}

function toAlert(rule: YAMLMap, file: string, lineCounter: LineCounter): PrometheusAlert {
  const forSeconds = rule.has('for') ? prometheusDurationSeconds(String(rule.get('for'))) : undefined;
  return {
    name: String(rule.get('alert')),
    expr: String(rule.get('expr') ?? ''),
    ...(forSeconds !== undefined ? { forSeconds } : {}),
    file,
    line: lineCounter.linePos(rule.range?.[0] ?? 0).line,
  };
}
