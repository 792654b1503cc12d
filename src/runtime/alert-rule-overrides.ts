/**
 * A scenario's alert rule overrides: the rules files of the run's rules
 * directory, copied into a directory of the scenario's own, where each
 * overridden alert's `for` — and nothing else, byte for byte — is shortened.
 * A production `for` of 15 minutes cannot be waited for in a drill; the
 * expression, labels and every other rule stay the ones under test (a mutated
 * expression in the run's rules is carried over, only its `for` changes), and
 * promtool keeps testing the real files.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Scalar } from 'yaml';
import { AlertRuleOverrideError } from './alert-rule-override-error.ts';
import { rulesFilesIn } from '../monitoring/alert-rules.ts';

export { AlertRuleOverrideError };

export interface AlertRuleOverride {
  readonly alert: string;
  /** The `for` the drill uses, a Prometheus duration shorter than the rule's own (`3s`). */
  readonly for: string;
  /** Why the drill cannot wait for the rule's own `for`: stated in the evidence. */
  readonly reason: string;
}

/** One `for` replaced, for the evidence: where, from what, to what, and why. */
export interface AppliedOverride {
  readonly alert: string;
  /** The rules file it was taken from (the derived copy has the same name). */
  readonly source: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** Writes the derived rules into `targetDir` (readable by a container's Prometheus user) and says what changed. */
export async function deriveAlertRules(
  sourceDir: string,
  overrides: readonly AlertRuleOverride[],
  targetDir: string,
): Promise<AppliedOverride[]> {
  const { derived, applied, problems } = await overrideAll(sourceDir, overrides);
  if (problems.length > 0) throw new AlertRuleOverrideError(sourceDir, problems);
  await mkdir(targetDir, { recursive: true });
  await chmod(targetDir, 0o755);
  for (const { name, text } of derived) {
    await writeFile(join(targetDir, name), text);
    await chmod(join(targetDir, name), 0o644);
  }
  return applied;
}

/** What deriveAlertRules would refuse, without writing anything (`firedrill run --dry-run`): one message per problem. */
export async function alertRuleOverrideProblems(sourceDir: string, overrides: readonly AlertRuleOverride[]): Promise<string[]> {
  return (await overrideAll(sourceDir, overrides)).problems;
}

async function overrideAll(sourceDir: string, overrides: readonly AlertRuleOverride[]) {
  const problems: string[] = [];
  const applied: AppliedOverride[] = [];
  const derived: { name: string; text: string }[] = [];
  const knownAlerts: string[] = [];
  for (const file of await rulesFilesIn(sourceDir)) {
    const result = overrideFile(file, await readFile(file, 'utf8'), overrides);
    knownAlerts.push(...result.alerts);
    problems.push(...result.problems);
    applied.push(...result.applied);
    derived.push({ name: basename(file), text: result.text });
  }
  for (const override of overrides) {
    if (!knownAlerts.includes(override.alert))
      problems.push(`no alerting rule named ${override.alert}; the rules define: ${[...new Set(knownAlerts)].join(', ')}`);
  }
  return { derived, applied, problems };
}

interface FileResult {
  readonly text: string;
  readonly alerts: readonly string[];
  readonly applied: readonly AppliedOverride[];
  readonly problems: readonly string[];
}

/** Replaces, in the text, the `for` value of every overridden alert of one rules file (last edit first, so offsets hold). */
function overrideFile(file: string, text: string, overrides: readonly AlertRuleOverride[]): FileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const edits: { start: number; end: number; to: string }[] = [];
  const alerts: string[] = [];
  const applied: AppliedOverride[] = [];
  const problems: string[] = [];
  for (const rule of alertingRules(doc.contents)) {
    const alert = String(rule.get('alert'));
    alerts.push(alert);
    const override = overrides.find((o) => o.alert === alert);
    if (!override) continue;
    const node = rule.get('for', true) as Scalar | undefined;
    const line = lines.linePos((node ?? rule).range?.[0] ?? 0).line;
    const from = isScalar(node) ? String(node.value) : undefined;
    if (from === undefined || !node?.range) {
      problems.push(`${file}:${line}: ${alert} has no \`for\` to shorten`);
      continue;
    }
    if (!(durationMs(override.for) < durationMs(from))) {
      problems.push(`${file}:${line}: ${alert} has \`for: ${from}\`; an override may only shorten it, not set ${override.for}`);
      continue;
    }
    edits.push({ start: node.range[0], end: node.range[1], to: override.for });
    applied.push({ alert, source: file, line, from, to: override.for, reason: override.reason });
  }
  const edited = edits.sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.to + t.slice(e.end), text);
  return { text: edited, alerts, applied, problems };
}

function* alertingRules(contents: unknown) {
  const groups = isMap(contents) ? contents.get('groups') : undefined;
  for (const group of isSeq(groups) ? groups.items : []) {
    const rules = isMap(group) ? group.get('rules') : undefined;
    for (const rule of isSeq(rules) ? rules.items : []) if (isMap(rule) && rule.has('alert')) yield rule;
  }
}

const units: Record<string, number> = { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const durationPattern = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** A Prometheus duration (`1h30m`, `15m`, `3s`, `500ms`) in milliseconds; NaN when it is not one. */
export function durationMs(text: string): number {
  const match = durationPattern.exec(text);
  if (!match || text === '') return Number.NaN;
  return match.slice(1).reduce((sum, part) => {
    if (!part) return sum;
    const [, amount, unit] = /^(\d+)(ms|[ywdhms])$/.exec(part)!;
    return sum + Number(amount) * units[unit!]!;
  }, 0);
}
