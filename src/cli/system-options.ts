/**
 * What a command takes from the system's config (`--config FILE`, else the
 * working directory's firedrill.config.ts, else the reference ATS's) unless
 * an option says otherwise: the runbook and the alert rules. A config, or
 * rules, firedrill cannot use is a configuration error before anything starts.
 */
import { resolve } from 'node:path';
import { type LoadedConfig, loadConfigFor } from '../config/load-config.ts';
import { checkAlertRules } from '../prometheus/check-alert-rules.ts';
import { formatRulesProblem } from '../prometheus/rules-problem.ts';
import { shownPath } from '../shown-path.ts';
import { ConfigError } from './config-error.ts';

export interface SystemOptions {
  readonly config?: string;
  readonly runbook?: string;
  /** `--alert-rules` (main.ts gives its default from the environment, the only place that reads it). */
  readonly alertRules?: string;
}

export interface ChosenSystem {
  readonly config: LoadedConfig;
  readonly runbookPath: string;
  readonly alertRulesDir: string;
}

export async function chooseSystem(options: SystemOptions): Promise<ChosenSystem> {
  const config = await loadConfigFor(options.config);
  const { runbook, monitoring } = config.config;
  let alertRulesDir = monitoring.rulesDir;
  // The reference ATS's rules are tested in this repository; any others are checked before anything starts.
  if (options.alertRules) alertRulesDir = await loadableRules(options.alertRules, `--alert-rules ${options.alertRules}`);
  else if (config.source !== 'reference')
    alertRulesDir = await loadableRules(alertRulesDir, `${shownPath(config.file)}: monitoring.rulesDir`);
  return { config, runbookPath: options.runbook ?? runbook, alertRulesDir };
}

/** Every environment's Prometheus loads these rules: anything it would refuse is a config error. */
async function loadableRules(dir: string, subject: string): Promise<string> {
  const problems = await checkAlertRules(dir);
  if (problems.length > 0)
    throw new ConfigError(
      `${subject}: Prometheus would not load these rules; fix them (\`firedrill lint-runbook --prometheus-rules ${shownPath(dir)}\` lists the same):\n` +
        problems.map((p) => `  ${formatRulesProblem(p)}`).join('\n'),
    );
  return resolve(dir);
}

/** `reference-ats (fixtures/ats/firedrill.config.ts, sha256 7e881c40e7e6…; the reference ATS's, as no firedrill.config.ts is in the working directory)`. */
export function describeConfig(loaded: LoadedConfig): string {
  const how = {
    option: 'named by --config',
    'working directory': 'found in the working directory',
    reference: "the reference ATS's, as no firedrill.config.ts is in the working directory",
  }[loaded.source];
  return `${loaded.config.name} (${shownPath(loaded.file)}, sha256 ${loaded.sha256.slice(0, 12)}…; ${how})`;
}
