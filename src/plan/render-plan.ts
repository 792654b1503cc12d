/**
 * The plan as text for a reviewer: per scenario its phases in the order they
 * run, each runbook step with its id, where its command comes from and the
 * command itself, indented under it.
 *
 *   redis-outage: Redis is killed while orders flow
 *     1 steady state   (within 30000 ms, held 2000 ms): order-gateway /readyz answers 200; …
 *     2 preparation    none
 *     3 faults         SIGKILL redis
 *     …
 */
import type { AlertPlan } from './alert-plan.ts';
import type { RunPlan } from './run-plan.ts';
import type { ScenarioPlan } from './scenario-plan.ts';
import type { StepPlan } from './step-plan.ts';

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join('; '));

export function renderPlan(plan: RunPlan): string {
  const head = [
    `firedrill: dry run of ${plan.scenarios.length} scenario(s) on the ${plan.runtime} runtime; nothing is started`,
    `system: ${plan.config.name} (${plan.config.path}, sha256 ${plan.config.sha256.slice(0, 12)}…)`,
    `runbook: ${plan.runbook.path} v${plan.runbook.version} (sha256 ${plan.runbook.sha256.slice(0, 12)}…)`,
    `alert rules: ${plan.alertRulesDir}`,
  ];
  return `${[...head, ...plan.scenarios.flatMap(scenarioLines)].join('\n')}\n`;
}

function scenarioLines(s: ScenarioPlan): string[] {
  const header = `\n${s.id}: ${s.title}`;
  if (s.notApplicable !== undefined) return [header, `  skipped: ${s.notApplicable}`];
  const t = s.targets;
  const phase = (n: number, name: string, text: string) => `  ${n} ${name.padEnd(14)} ${text}`.trimEnd();
  return [
    header,
    `  workload: ${s.ordersPerSec} orders/s${s.loadMultiplier ? ` (${s.loadMultiplier} × the peak)` : ''}${s.blueGreen.length > 0 ? `; blue/green: ${s.blueGreen.join(', ')}` : ''}`,
    phase(1, 'steady state', `(within ${s.steadyState.withinMs} ms, held ${s.steadyState.holdMs} ms) ${list(s.steadyState.probes)}`),
    phase(2, 'preparation', s.preparation.length === 0 ? 'none' : ''),
    ...s.preparation.flatMap(stepLines),
    phase(3, 'faults', list(s.faults)),
    phase(4, 'detection', `${s.detection.probe} within ${s.detection.targetMs} ms`),
    ...(s.duringFault.length > 0 ? [`    while the fault is on: ${list(s.duringFault)}`] : []),
    ...s.alerts.fire.map((a) => `    alert fires: ${alertText(a)}`),
    ...(s.alerts.quiet.length > 0 ? [`    alerts quiet: ${s.alerts.quiet.map(alertText).join('; ')}`] : []),
    ...(s.healthCheck ? [`    health check during the fault: ${s.healthCheck.duringFault}`, ...stepLines(s.healthCheck)] : []),
    phase(5, 'remediation', s.remediation.length === 0 ? 'none' : ''),
    ...s.remediation.flatMap(stepLines),
    phase(6, 'recovery', `(held ${s.recovery.holdMs} ms) ${list(s.recovery.probes)}`),
    `    then: ${list(s.integrityAndChecks)}`,
    `  targets: detect ${t.detectMs} ms, recovery ${t.rollbackMs ?? t.recoveryMs} ms${t.rollbackMs !== undefined ? ' (rollback)' : ''}` +
      `${t.rtoMs !== undefined ? `, RTO ${t.rtoMs} ms` : ''}, data loss ${t.dataLoss}`,
  ];
}

function alertText(a: AlertPlan): string {
  const labels = a.labels
    ? `{${Object.entries(a.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}}`
    : '';
  const within = a.withinMs !== undefined ? ` within ${a.withinMs} ms` : '';
  if (a.rule === undefined) return `${a.alert}${labels}${within} (no such rule)`;
  const override = a.override ? `, overridden to ${a.override.for}: ${a.override.reason}` : '';
  return `${a.alert}${labels}${within} (${a.rule}, for ${a.forSeconds} s${override})`;
}

function stepLines(step: StepPlan): string[] {
  const touches = [...step.touches.services, ...step.touches.postgresSessions.map((s) => `session ${s}`)];
  const about = [step.source ?? 'unresolved', ...(step.timeoutMs !== undefined ? [`timeout ${step.timeoutMs} ms`] : [])];
  return [
    `    ${step.field} ${step.id} (${about.join(', ')}); may touch: ${touches.join(', ') || 'nothing'}`,
    ...(step.onlyIf ? [`      only if: ${step.onlyIf}`] : []),
    ...(step.suite ? [`      runs probe suite ${step.suite} in place of:`] : []),
    ...(step.command ?? '(no command: see the problems below)').split('\n').map((line) => `      $ ${line}`),
    ...(step.postcondition ? [`      then within ${step.postcondition.withinMs} ms: ${step.postcondition.probe}`] : []),
  ];
}
