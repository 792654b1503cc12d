import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigFor } from '../config/load-config.ts';
import { repoRoot } from '../repo-root.ts';
import { stepVariableNames } from '../runtime/step-variable-names.ts';
import { topologyOf } from '../topology/topology.ts';
import { lintRunbook } from '../runbook/lint/lint.ts';
import type { Finding } from '../runbook/lint/rule.ts';
import { lintRules } from '../runbook/lint/rules/index.ts';
import { shellcheckCodeRules } from '../runbook/lint/shellcheck/shellcheck-codes.ts';
import type { ShellcheckLevel } from '../runbook/lint/shellcheck/shellcheck-comments.ts';
import { readRunbook } from '../runbook/parse.ts';
import type { Runbook } from '../runbook/runbook.ts';
import { RunbookError } from '../runbook/runbook-error.ts';
import { toSarif } from '../reporters/sarif.ts';
import { stepIdsRunBy } from '../scenario/step-coverage.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';
import { type LintFormat, lintFormats } from './lint-formats.ts';
import { loadCatalogue } from './select-scenarios.ts';

export { type LintFormat, lintFormats };

export interface LintRunbookOptions {
  readonly format: LintFormat;
  /** Directory of Prometheus rules files; default the config's monitoring.rulesDir. */
  readonly prometheusRules?: string;
  /** The system's config (default ./firedrill.config.ts, else the reference ATS's): its runbook, alert rules and scenarios. */
  readonly config?: string;
  /** The lowest ShellCheck level reported; default info (lint.ts). */
  readonly shellcheckSeverity?: ShellcheckLevel;
}

/**
 * Lints a runbook (default the config's) against the config's alert rules and
 * the steps its scenarios run; exit 1 when a finding is an error, 2 when the
 * config, the runbook or a rules file cannot be read.
 */
export async function lintRunbookCommand(file: string | undefined, options: LintRunbookOptions): Promise<number> {
  const loaded = await loadConfigFor(options.config);
  const { config, source } = loaded;
  const path = file ?? config.runbook;
  const inside = relative(process.cwd(), path);
  const shown = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : resolve(path);
  let runbook: Runbook;
  let findings: Finding[];
  try {
    runbook = await readRunbook(shown);
    // Rules a user names, or a config other than the reference's, are checked as Prometheus would load them, promtool included
    // (the shipped ones are tested in npm test).
    const exercisedSteps = new Set((await loadCatalogue(loaded)).scenarios.flatMap(stepIdsRunBy));
    const rulesDir = options.prometheusRules ?? (source === 'reference' ? undefined : config.monitoring.rulesDir);
    findings = await lintRunbook(runbook, {
      exercisedSteps,
      stepVariables: stepVariableNames(topologyOf(loaded)),
      ...(options.shellcheckSeverity ? { shellcheckSeverity: options.shellcheckSeverity } : {}),
      ...(rulesDir ? { prometheusDir: rulesDir, promtool: true } : {}),
    });
  } catch (error) {
    if (error instanceof RunbookError) throw new ConfigError(`cannot lint the runbook:\n${error.message}`);
    throw error;
  }
  process.stdout.write(await render(options.format, shown, runbook, findings));
  return findings.some((f) => f.severity === 'error') ? exitCodes.failed : exitCodes.passed;
}

async function render(format: LintFormat, file: string, runbook: Runbook, findings: readonly Finding[]): Promise<string> {
  if (format === 'json') {
    return `${JSON.stringify({ file, version: runbook.version, commit: runbook.commit, rules: lintRules.map((r) => r.id), findings }, null, 2)}\n`;
  }
  if (format === 'sarif') {
    const rules = [...lintRules.map(({ id, description, severity }) => ({ id, description, severity })), ...shellcheckCodeRules(findings)];
    const sarifFindings = findings.map((f) => ({ ...f, ...(f.file ? { uri: sarifUri(f.file) } : {}) }));
    return `${JSON.stringify(toSarif({ toolVersion: await toolVersion(), rules, findings: sarifFindings, uri: sarifUri(file) }), null, 2)}\n`;
  }
  const at = (f: Finding) => (f.line > 0 ? `:${f.line}${f.column ? `:${f.column}` : ''}` : '');
  const lines = findings.map((f) => `${f.file ?? file}${at(f)} ${f.ruleId} ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const summary =
    findings.length === 0
      ? `${file}: no findings (${lintRules.length} rules)`
      : `${file}: ${errors} error(s), ${findings.length - errors} other finding(s)`;
  return `${[...lines, summary].join('\n')}\n`;
}

/** Relative to the checkout with forward slashes (what code scanning prefers), else a file: URI. */
function sarifUri(file: string): string {
  return isAbsolute(file) ? pathToFileURL(file).href : file.split(sep).join('/');
}

async function toolVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
