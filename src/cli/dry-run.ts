/**
 * `firedrill run --dry-run`: the plan of the selected scenarios, printed for a
 * reviewer (as JSON with --json), and every problem that would stop the run,
 * all at once. Starts nothing: no environment, process, port or report dir.
 * Exit 2 when the plan does not resolve, 0 when it does.
 */
import type { LoadedConfig } from '../config/load-config.ts';
import { renderPlan } from '../plan/render-plan.ts';
import { planRun } from '../plan/run-plan.ts';
import type { LoadedRunbook } from '../runbook/load-runbook.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { exitCodes } from './exit-codes.ts';

export interface DryRunOptions {
  readonly config: LoadedConfig;
  readonly runbook: LoadedRunbook;
  readonly runtime: RuntimeName;
  readonly alertRulesDir: string;
  readonly json?: boolean;
}

export async function dryRun(scenarios: readonly Scenario[], options: DryRunOptions): Promise<number> {
  const plan = await planRun(scenarios, options);
  process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
  const count = plan.problems.length;
  if (count === 0) {
    if (!options.json) process.stdout.write(`\nThe plan resolves: ${scenarios.length} scenario(s); nothing was started.\n`);
    return exitCodes.passed;
  }
  process.stderr.write(
    `firedrill: the plan does not resolve (${count} problem${count === 1 ? '' : 's'}); nothing was started:\n` +
      plan.problems.map((p) => `  ${p.replace(/\n/g, '\n    ')}`).join('\n') +
      '\n',
  );
  return exitCodes.configError;
}
