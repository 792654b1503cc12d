import { z } from 'zod';
import { durationMs } from '../runtime/alert-rule-overrides.ts';
import { kebabName } from '../config/service-schema.ts';
import { runtimeNames } from '../runtime/runtime.ts';
import type { Scenario } from './scenario.ts';
import { maxLoadMultiplier } from '../workload/load-multiplier.ts';

const callable = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'expected a function');
// What a fault, probe or check names of the system (uses.ts), kept so that scenario-names.ts can check it against the config.
const names = z.array(z.string().min(1)).readonly().optional();
const uses = z.object({ services: names, links: names }).optional();
const probe = z.object({ name: z.string().min(1), uses, observe: callable });
const positiveMs = z.number().int().positive();
const stepId = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a runbook id like "redis.restart"');

/** A remediation step names a runbook step by id; its command comes from the runbook when the scenario is bound. */
const step = z.object({
  id: stepId,
  title: z.string().min(1).optional(),
  run: z
    .union([
      z.string().min(1),
      z
        .partialRecord(z.enum(runtimeNames), z.string().min(1))
        .refine((run) => Object.keys(run).length > 0, 'expected a command, or one per runtime'),
    ])
    .optional(),
  timeoutMs: positiveMs.optional(),
  postcondition: z.object({ probe, withinMs: positiveMs, fromStepStart: z.boolean().optional() }).optional(),
  onlyIf: probe.optional(),
  observe: z.array(probe).optional(),
  touches: z
    .object({
      services: z.array(kebabName).optional(),
      postgresSessions: z.array(z.string().min(1, 'expected an application_name')).optional(),
    })
    .strict()
    .optional(),
});

const alertName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a Prometheus alert name, like "RedisDown"');
const alerts = z
  .object({
    fire: z.array(z.object({ alert: alertName, labels: z.record(z.string(), z.string()).optional(), withinMs: positiveMs })).default([]),
    quiet: z.array(alertName).default([]),
  })
  .prefault({});

const alertRuleOverride = z.object({
  alert: alertName,
  for: z.string().refine((text) => durationMs(text) > 0, 'expected a Prometheus duration above 0, like "3s" or "1m30s"'),
  reason: z.string().min(1),
});

const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected kebab-case, like "redis-outage"'),
    title: z.string().min(1),
    description: z.string().min(1),
    controls: z.array(z.string().min(1)).default([]),
    appliesTo: z.object({ runtimes: z.array(z.enum(runtimeNames)).min(1).readonly(), reason: z.string().min(1) }).optional(),
    workload: z.object({
      ordersPerSec: z.number().positive().max(500),
      loadMultiplier: z.number().min(1).max(maxLoadMultiplier).optional(),
      oversized: z.object({ every: z.number().int().min(2), qty: z.number().positive() }).optional(),
    }),
    targets: z.object({
      detectMs: positiveMs,
      recoveryMs: positiveMs,
      dataLoss: z.number().int().min(0),
      rollbackMs: positiveMs.optional(),
      rtoMs: positiveMs.optional(),
    }),
    steadyState: z.array(probe).min(1),
    faults: z.array(z.object({ kind: z.string().min(1), description: z.string().min(1), uses, inject: callable })).min(1),
    detection: probe,
    alerts,
    alertRuleOverrides: z.array(alertRuleOverride).default([]),
    duringFault: z.array(probe).default([]),
    preparation: z.array(step).optional(),
    remediation: z.array(step).min(1),
    healthCheck: z
      .object({ step, failsNaming: z.string().min(1).optional(), passesDuringFault: z.string().min(1).optional() })
      .refine((h) => (h.failsNaming === undefined) !== (h.passesDuringFault === undefined), {
        message: 'expected exactly one of failsNaming (what the failing check names) and passesDuringFault (why it must pass)',
      })
      .optional(),
    recovery: z.array(probe).optional(),
    integrity: callable,
    checks: z.array(z.object({ name: z.string().min(1), uses, run: callable })).default([]),
    timeouts: z.object({ steadyStateMs: positiveMs.default(20_000), overrunMs: positiveMs.default(30_000) }).prefault({}),
    hold: z
      .object({ steadyStateMs: z.number().int().min(0).default(3_000), recoveryMs: z.number().int().min(0).default(2_000) })
      .prefault({}),
    blueGreen: z.array(kebabName).optional(),
  })
  .superRefine((scenario, ctx) => {
    if (scenario.hold.steadyStateMs >= scenario.timeouts.steadyStateMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['hold', 'steadyStateMs'],
        message: `must be shorter than timeouts.steadyStateMs (${scenario.timeouts.steadyStateMs})`,
      });
    }
    const firing = new Set(scenario.alerts.fire.map((a) => a.alert));
    scenario.alerts.quiet.forEach((name, index) => {
      if (firing.has(name))
        ctx.addIssue({ code: 'custom', path: ['alerts', 'quiet', index], message: `alert ${name} is also expected to fire` });
    });
    const overridden = new Set<string>();
    scenario.alertRuleOverrides.forEach((o, index) => {
      if (overridden.has(o.alert))
        ctx.addIssue({ code: 'custom', path: ['alertRuleOverrides', index, 'alert'], message: `alert ${o.alert} is overridden twice` });
      overridden.add(o.alert);
    });
    scenario.blueGreen?.forEach((name, index) => {
      if (scenario.blueGreen!.indexOf(name) !== index)
        ctx.addIssue({ code: 'custom', path: ['blueGreen', index], message: `service "${name}" is named twice` });
    });
    const seen = new Set<string>();
    scenario.remediation.forEach((s, index) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['remediation', index, 'id'], message: `duplicate step id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Thrown when a scenario file is malformed; lists every problem, each naming its field. */
export class ScenarioDefinitionError extends Error {
  readonly problems: readonly string[];
  constructor(subject: string, problems: readonly string[]) {
    super(`${subject} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioDefinitionError';
    this.problems = problems;
  }
}

/** Validates a scenario before anything starts, reporting all problems at once. */
export function defineScenario(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const id = typeof (input as { id?: unknown })?.id === 'string' ? `"${(input as { id: string }).id}"` : '(no id)';
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ScenarioDefinitionError(`Scenario ${id} (${callerFile()})`, problems);
  }
  const value = parsed.data;
  return { ...value, recovery: value.recovery ?? value.steadyState } as Scenario;
}

function callerFile(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const caller = frames.find((frame) => !frame.includes('define-scenario.ts'));
  return caller?.match(/\((.*)\)$/)?.[1] ?? caller?.trim().replace(/^at /, '') ?? 'unknown file';
}
