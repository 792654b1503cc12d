/**
 * The names a scenario uses, checked against the system's config before
 * anything starts: every service and link its faults, probes and checks
 * declare (their `uses`) and every service its steps may touch. A name the
 * config does not declare would otherwise fail mid-run, after provisioning,
 * at `env.service(name)`; here each is one line naming the scenario, where
 * the name is used and the names the config does declare.
 *
 *   scenario ──usedNames──> [where, service|link, name] ──not in topology──> problems
 */
import type { LoadedConfig } from '../config/load-config.ts';
import type { Probe } from '../probes/probe.ts';
import { type Topology, topologyOf } from '../topology/topology.ts';
import type { RemediationStep, Scenario } from './scenario.ts';
import { ScenarioNamesError } from './scenario-names-error.ts';
import type { Uses } from './uses.ts';

/** One name a scenario uses, and where: `faults[0] (SIGKILL redis)`. */
export interface UsedName {
  readonly where: string;
  readonly kind: 'service' | 'link';
  readonly name: string;
}

/** Without `blueGreenNames`, no service is marked blue/green. */
type Known = Pick<Topology, 'componentNames' | 'linkNames'> & Partial<Pick<Topology, 'blueGreenNames'>>;

/** Every name `scenario` uses that `topology` does not declare, as messages naming the scenario, the field and the known names. */
export function scenarioNameProblems(scenario: Scenario, topology: Known): string[] {
  const listed = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');
  const unknown = unknownNames(scenario, topology).map(({ where, kind, name }) => {
    const known = kind === 'service' ? topology.componentNames : topology.linkNames;
    return `${scenario.id}: ${where} names ${kind} "${name}"; known ${kind}s: ${listed(known)}`;
  });
  const blueGreen = topology.blueGreenNames ?? [];
  const notBlueGreen = (scenario.blueGreen ?? []).flatMap((name, i) =>
    blueGreen.includes(name)
      ? []
      : [
          `${scenario.id}: blueGreen[${i}] names service "${name}", which the config does not mark blueGreen; ` +
            `blue/green services: ${listed(blueGreen)}`,
        ],
  );
  return [...unknown, ...notBlueGreen];
}

/** The names `scenario` uses that `topology` does not declare. */
export function unknownNames(scenario: Scenario, topology: Known): UsedName[] {
  const known = { service: new Set(topology.componentNames), link: new Set(topology.linkNames) };
  return usedNames(scenario).filter((used) => !known[used.kind].has(used.name));
}

/** Every name the scenario uses, in the order of its fields. */
export function usedNames(scenario: Scenario): UsedName[] {
  const probes = (field: string, list: readonly Probe[]) =>
    list.flatMap((probe, i) => declared(`${field}[${i}] (${probe.name})`, probe.uses));
  return [
    ...probes('steadyState', scenario.steadyState),
    ...scenario.faults.flatMap((fault, i) => declared(`faults[${i}] (${fault.description})`, fault.uses)),
    ...declared(`detection (${scenario.detection.name})`, scenario.detection.uses),
    ...probes('duringFault', scenario.duringFault),
    // defineScenario makes the steady state the recovery when none is given: the same probes, reported once.
    ...(scenario.recovery === scenario.steadyState ? [] : probes('recovery', scenario.recovery)),
    ...(scenario.preparation ?? []).flatMap((step, i) => stepNames(`preparation[${i}] (${step.id})`, step)),
    ...scenario.remediation.flatMap((step, i) => stepNames(`remediation[${i}] (${step.id})`, step)),
    ...(scenario.healthCheck ? stepNames(`healthCheck.step (${scenario.healthCheck.step.id})`, scenario.healthCheck.step) : []),
    ...scenario.checks.flatMap((check, i) => declared(`checks[${i}] (${check.name})`, check.uses)),
  ];
}

function stepNames(where: string, step: RemediationStep): UsedName[] {
  const probe = (field: string, p: Probe | undefined) => (p ? declared(`${where} ${field} (${p.name})`, p.uses) : []);
  return [
    ...probe('postcondition', step.postcondition?.probe),
    ...probe('onlyIf', step.onlyIf),
    ...(step.observe ?? []).flatMap((p, i) => probe(`observe[${i}]`, p)),
    ...(step.touches?.services ?? []).map((name, i) => ({ where: `${where} touches.services[${i}]`, kind: 'service' as const, name })),
  ];
}

function declared(where: string, uses: Uses | undefined): UsedName[] {
  return [
    ...(uses?.services ?? []).map((name) => ({ where, kind: 'service' as const, name })),
    ...(uses?.links ?? []).map((name) => ({ where, kind: 'link' as const, name })),
  ];
}

/** Throws a ScenarioNamesError listing every name any of `scenarios` uses that the config does not declare. */
export function checkScenarioNames(scenarios: readonly Scenario[], config: Pick<LoadedConfig, 'config' | 'file'>): void {
  const topology = topologyOf(config);
  const problems = scenarios.flatMap((scenario) => scenarioNameProblems(scenario, topology));
  if (problems.length > 0) throw new ScenarioNamesError(config.file, problems);
}
