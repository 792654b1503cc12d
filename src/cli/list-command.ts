import { relative } from 'node:path';
import { loadConfigFor } from '../config/load-config.ts';
import { loadRunbook } from '../runbook/load-runbook.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { unknownNames } from '../scenario/scenario-names.ts';
import { stepCoverage } from '../scenario/step-coverage.ts';
import { type Topology, topologyOf } from '../topology/topology.ts';
import { loadCatalogue } from './select-scenarios.ts';
import { printSystem } from './print-system.ts';

export interface ListOptions {
  /** The system's config (`--config`); default ./firedrill.config.ts, else the reference ATS's. */
  readonly config?: string;
  /** Also list the runbook's executable steps with the scenarios that run them. */
  readonly coverage?: boolean;
  readonly runbook?: string;
}

export async function listCommand(options: ListOptions = {}): Promise<number> {
  const loaded = await loadConfigFor(options.config);
  const { scenarios, suites } = await loadCatalogue(loaded);
  const width = Math.max(...scenarios.map((s) => s.id.length));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const topology = topologyOf(loaded);
  printSystem(loaded, out);
  out('Scenarios:');
  for (const s of scenarios)
    out(
      `  ${s.id.padEnd(width)}  ${s.title} (detect ≤ ${s.targets.detectMs} ms, recover ≤ ${s.targets.recoveryMs} ms)${misfit(s, topology)}`,
    );
  out('Suites:');
  if (suites.length === 0) out("  none (the config's own scenarios run by name, or all of them with `firedrill run`)");
  for (const suite of suites) out(`  ${suite.name}: ${suite.scenarioIds.join(', ')} — ${suite.description}`);
  if (options.coverage) await printCoverage(options.runbook ?? loaded.config.runbook, scenarios, out);
  return 0;
}

/** `  [not for this system: it has no service order-gateway and no links gateway-redis, gateway-exchange]`; nothing when the scenario fits. */
function misfit(scenario: Scenario, topology: Topology): string {
  const unknown = unknownNames(scenario, topology);
  const missing = (kind: 'service' | 'link') => {
    const names = [...new Set(unknown.filter((used) => used.kind === kind).map((used) => used.name))];
    return names.length === 0 ? [] : [`${kind}${names.length > 1 ? 's' : ''} ${names.join(', ')}`];
  };
  const parts = [...missing('service'), ...missing('link')];
  return parts.length === 0 ? '' : `  [not for this system: it has no ${parts.join(' and no ')}]`;
}

async function printCoverage(file: string, scenarios: Parameters<typeof stepCoverage>[1], out: (line: string) => void): Promise<void> {
  const { runbook, identity } = await loadRunbook(file);
  const coverage = stepCoverage(runbook, scenarios);
  const width = Math.max(...coverage.map((c) => c.stepId.length));
  out(`Runbook steps (${relative(process.cwd(), identity.path) || identity.path} v${identity.version}), by the scenarios that run them:`);
  for (const c of coverage)
    out(`  ${c.stepId.padEnd(width)}  line ${String(c.line).padEnd(4)}  ${c.scenarios.join(', ') || 'never exercised'}`);
  const never = coverage.filter((c) => c.scenarios.length === 0).map((c) => c.stepId);
  out(
    never.length === 0
      ? `Every one of the ${coverage.length} steps runs in a scenario.`
      : `${never.length} of ${coverage.length} steps run in no scenario: ${never.join(', ')}`,
  );
}
