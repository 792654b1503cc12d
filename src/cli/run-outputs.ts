/**
 * The reports `firedrill run` writes besides evidence.json, for CI and review:
 * `--junit FILE` (JUnit XML), `--summary-md FILE` (Markdown) and, when CI sets
 * $GITHUB_STEP_SUMMARY, the same Markdown appended to that file, as GitHub
 * expects. Their directories are checked before anything starts (exit 2); the
 * files are written after the run whatever its verdict, from evidence passed
 * through the evidence's redaction again (the recorder's evidence is already
 * free of the run's secrets; this pass applies the patterns to anything else),
 * each to a temp file renamed into place, so none is left half-written.
 */
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Evidence } from '../evidence/evidence.ts';
import { redactDeep } from '../evidence/redact.ts';
import { junitXml } from '../reporters/junit.ts';
import { markdownSummary } from '../reporters/markdown.ts';
import { prepareReportDir } from './report-dir.ts';
import { replaceFile } from './replace-file.ts';

export interface RunOutputs {
  /** `--junit FILE`. */
  readonly junit?: string;
  /** `--summary-md FILE`. */
  readonly summaryMd?: string;
  /** $GITHUB_STEP_SUMMARY: appended to, never replaced. */
  readonly githubStepSummary?: string;
}

/** Before anything starts: each file's directory exists or can be made, and takes files; a ConfigError naming the option otherwise. */
export async function prepareRunOutputs(outputs: RunOutputs): Promise<void> {
  if (outputs.junit) await prepareReportDir(dirname(outputs.junit), '--junit');
  if (outputs.summaryMd) await prepareReportDir(dirname(outputs.summaryMd), '--summary-md');
}

/** Writes every report asked for; answers one line per file that could not be written (each is still tried). */
export async function writeRunOutputs(run: Evidence, evidencePath: string, outputs: RunOutputs, suite?: string): Promise<string[]> {
  const evidence = redactDeep(run, []);
  const markdown = () => markdownSummary(evidence, evidencePath, suite);
  const { junit, summaryMd, githubStepSummary } = outputs;
  const writes: [string, () => Promise<void>][] = [];
  if (junit) writes.push([`--junit ${junit}`, () => replaceFile(junit, `${junitXml(evidence, suite)}\n`)]);
  if (summaryMd) writes.push([`--summary-md ${summaryMd}`, () => replaceFile(summaryMd, markdown())]);
  if (githubStepSummary) writes.push([`GITHUB_STEP_SUMMARY ${githubStepSummary}`, () => appendFile(githubStepSummary, markdown())]);
  const problems: string[] = [];
  for (const [what, write] of writes) {
    await write().catch((error: NodeJS.ErrnoException) => problems.push(`${what}: not written (${error.code ?? error.message})`));
  }
  return problems;
}
