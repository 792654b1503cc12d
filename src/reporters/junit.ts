/**
 * The run as JUnit XML, for CI systems (`firedrill run --junit FILE`): one
 * <testsuite> per run inside <testsuites>, one <testcase> per scenario
 * (classname `firedrill.<runtime>`, time from its timeline):
 *
 *   failed            <failure message="reason" type="failed">measured vs target, every reason</failure>
 *   aborted, errored  <error message="reason" type="aborted|errored">the same</error>
 *   skipped           <skipped message="why"/>
 *
 * With --repeat N each run is its own testcase (`redis-outage (run 2 of 3)`),
 * and each flaky scenario adds one more, `redis-outage (3 runs)`, failed with
 * type `flaky`, its verdicts and samples in the body: the flakiness itself is
 * a failure CI shows, whichever runs passed.
 *
 * The shape the Jenkins/Ant JUnit schema describes (test/reporters/junit.xsd).
 * xmlbuilder2 escapes text and attributes; characters XML 1.0 cannot carry
 * (control characters, lone surrogates) are written as `\uXXXX`. Pure: the
 * caller passes evidence already redacted (run-outputs.ts).
 */
import { create } from 'xmlbuilder2';
import type { Evidence } from '../evidence/evidence.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import { flakyReason, type RepeatSummary } from '../runner/repeat.ts';
import { alertLine } from './alert-line.ts';
import { runName, samplesText, statsText, verdictsText } from './repeat-report.ts';
import { type Figure, figureText, scenarioFigures, scenarioSeconds } from './scenario-figures.ts';

type XMLBuilder = ReturnType<typeof create>;

const visible = (char: string) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** One line for an attribute: XML parsers turn a newline in an attribute into a space anyway. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function junitXml(evidence: Evidence, suite = 'firedrill'): string {
  const results = evidence.scenarios;
  const flaky = (evidence.repeats ?? []).filter((r) => r.flaky);
  const count = (verdicts: readonly string[]) => String(results.filter((r) => verdicts.includes(r.verdict)).length);
  const totals = {
    tests: String(results.length + flaky.length),
    failures: String(Number(count(['failed'])) + flaky.length),
    errors: count(['aborted', 'errored']),
    skipped: count(['skipped']),
    time: seconds(runSeconds(evidence)),
  };
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: visible }).ele('testsuites', { name: suite, ...totals });
  const testsuite = root.ele('testsuite', { name: suite, ...totals, timestamp: evidence.startedAt, id: evidence.runId });
  const properties = testsuite.ele('properties');
  for (const [name, value] of runProperties(evidence)) properties.ele('property', { name, value });
  for (const result of results) testcase(testsuite, result, `firedrill.${evidence.runtime}`);
  for (const summary of flaky) flakyTestcase(testsuite, summary, `firedrill.${evidence.runtime}`);
  return root.end({ prettyPrint: true });
}

function testcase(suite: XMLBuilder, result: ScenarioResult, classname: string): void {
  const element = suite.ele('testcase', { name: runName(result), classname, time: seconds(scenarioSeconds(result)) });
  const message = oneLine(result.reason ?? result.verdict);
  if (result.verdict === 'skipped') element.ele('skipped', { message });
  else if (result.verdict === 'failed') element.ele('failure', { message, type: 'failed' }).txt(details(result));
  else if (result.verdict !== 'passed') element.ele('error', { message, type: result.verdict }).txt(details(result));
}

function flakyTestcase(suite: XMLBuilder, summary: RepeatSummary, classname: string): void {
  const body = [
    `${summary.id}: ${summary.runs} runs, each on a fresh environment: ${verdictsText(summary)}`,
    `detect: ${statsText(summary.detectMs)} (samples ${samplesText(summary.detectMs)})`,
    `recovery: ${statsText(summary.recoveryMs)} (samples ${samplesText(summary.recoveryMs)})`,
  ].join('\n');
  suite
    .ele('testcase', { name: `${summary.id} (${summary.runs} runs)`, classname, time: seconds(0) })
    .ele('failure', { message: flakyReason(summary), type: 'flaky' })
    .txt(body);
}

/** The body of a failure or error: what was measured against each target, the alerts, then every reason. */
function details(result: ScenarioResult): string {
  const lines = [
    `${result.id}: ${result.title}`,
    ...Object.values(scenarioFigures(result)).map((figure: Figure) => `${figure.label}: ${figureText(figure)}`),
    ...result.measured.alerts.map((alert) => `alert: ${alertLine(alert)}`),
    'reasons:',
    ...result.reasons.map((reason) => `- ${reason}`),
  ];
  return lines.join('\n');
}

function runProperties(evidence: Evidence): [string, string][] {
  return [
    ['run.id', evidence.runId],
    ['runtime', evidence.runtime],
    ['harness.version', evidence.harness.version],
    ['harness.commit', evidence.harness.commit],
    ['runbook.path', evidence.runbook?.path ?? 'none'],
    ['runbook.version', evidence.runbook?.version ?? 'none'],
    ['runbook.commit', evidence.runbook?.commit ?? 'none'],
    ['runbook.sha256', evidence.runbook?.sha256 ?? 'none'],
    ['config.path', evidence.config?.path ?? 'none'],
    ['config.sha256', evidence.config?.sha256 ?? 'none'],
  ];
}

function runSeconds(evidence: Evidence): number {
  if (evidence.finishedAt === null) return evidence.scenarios.reduce((sum, result) => sum + scenarioSeconds(result), 0);
  return Math.max(0, Date.parse(evidence.finishedAt) - Date.parse(evidence.startedAt)) / 1000;
}

const seconds = (value: number) => value.toFixed(3);
