/**
 * A negative control: after the verdict's own measurements, run what the
 * runbook forbids and record what it does. It shows whether the runbook's
 * warning still describes the system: the evidence keeps what was observed
 * after it (each probe's detail, holding or not), measured, never assumed.
 * The check itself fails only when the control could not be run or observed:
 * the command did not finish with exit 0, or a probe could not look. The
 * situation the warning is about (`given`, a fault) is set up first and
 * reverted after, whatever happened.
 */
import { usesOf } from '../scenario/uses.ts';
import type { Check, CheckContext, RemediationStep } from '../scenario/scenario.ts';
import type { Fault } from '../faults/fault.ts';
import type { Observation, Probe } from '../probes/probe.ts';

export interface NegativeControl {
  /** The forbidden command, as a step with its own `run`: `{ id: 'pm2.restart-all', run: 'pm2 restart all' }`. */
  readonly step: RemediationStep & { readonly run: string };
  /** Why the runbook forbids it, for the evidence. */
  readonly forbiddenBecause: string;
  /** The situation the runbook warns about, set up before the command and reverted after it (a config change pending). */
  readonly given?: Fault;
  /** What to record after it. */
  readonly observe: readonly Probe[];
}

export function negativeControl(control: NegativeControl): Check {
  const { step, observe } = control;
  const faultUses = control.given?.uses?.services ?? [];
  return {
    name: `negative control: \`${step.run}\` (${control.forbiddenBecause}), and what it did`,
    uses: { services: [...faultUses, ...observe.flatMap((p) => usesOf(p)?.services ?? [])] },
    async run(context) {
      const given = await control.given?.inject(context.env, context.signal);
      try {
        const seen = await runAndObserve(control, context);
        return given ? { ...seen, detail: `given ${given.description}: ${seen.detail}` } : seen;
      } finally {
        await given?.revert();
      }
    },
  };
}

async function runAndObserve({ step, observe }: NegativeControl, context: CheckContext): Promise<Observation> {
  const ran = await context.runStep(step);
  const exit = ran.timedOut ? `timed out after ${ran.durationMs} ms` : `exit ${ran.exitCode ?? 'by a signal'} in ${ran.durationMs} ms`;
  if (ran.timedOut || ran.exitCode !== 0) {
    const output = (ran.stderr || ran.stdout).trim().slice(-300);
    return { ok: false, detail: `\`${step.run}\` did not complete (${exit}): nothing to observe; ${output}` };
  }
  const seen: string[] = [];
  for (const probe of observe) {
    const observation = await probe.observe(context);
    seen.push(`${observation.ok ? 'holds' : 'does not hold'}: ${probe.name}: ${observation.detail}`);
  }
  return { ok: true, detail: `ran \`${step.run}\` (${exit}); afterwards ${seen.join('; ')}` };
}
