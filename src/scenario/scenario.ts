/**
 * A scenario is data plus a few callbacks: what must hold, what breaks, how
 * the break is detected, which runbook steps repair it, what must hold again,
 * and the targets the measurements are judged against.
 */
import type { Fault } from '../faults/fault.ts';
import type { AlertRuleOverride } from '../runtime/alert-rule-overrides.ts';
import type { Observation, Probe, ProbeContext } from '../probes/probe.ts';
import type { RunbookStep, StepTranscript } from '../runbook/step.ts';
import type { RuntimeName, ServiceName } from '../runtime/runtime.ts';
import type { Applicability } from './applicability.ts';
import type { Uses } from './uses.ts';

export interface Targets {
  /** Fault injected → first detection signal. */
  readonly detectMs: number;
  /** Remediation started → steady state holds again. */
  readonly recoveryMs: number;
  /** Acknowledged records allowed to be missing afterwards (0 for a trading system). */
  readonly dataLoss: number;
  /**
   * A blue/green scenario whose remediation is the rollback: the decision (remediation started) → every request served
   * by the old colour again (recovery held). When declared, the evidence names the recovery time `rollbackMs` too and
   * judges it against this instead of recoveryMs.
   */
  readonly rollbackMs?: number;
  /**
   * A disaster-recovery scenario: the recovery time objective, total loss (the fault took effect) → steady state holds
   * again, judged against this when declared; the evidence names the outage `rtoMs`.
   */
  readonly rtoMs?: number;
}

export interface Integrity {
  /** Acknowledged records missing afterwards. */
  readonly lost: number;
  /** Records present more than once (orders sent twice, fills doubled). */
  readonly duplicated: number;
  readonly detail: string;
  /** What the check found wrong besides counts, each a sentence naming its subject (a table whose rows differ): failures. */
  readonly problems?: readonly string[];
  /** A restore from backups: what the recovery point cost, accounted order by order (src/dr/rpo-accounting.ts). */
  readonly rpo?: RpoMeasurement;
}

/** Acknowledged orders a restore gave back or lost, against what the backup strategy promises. */
export interface RpoMeasurement {
  /** How the database was backed up (`logical`: pg_dump; `physical+wal`: a base backup and the WAL archive), and what that promises. */
  readonly strategy: 'logical' | 'physical+wal';
  readonly promise: string;
  /** Acknowledged before the recovery point: every one must be back. */
  readonly before: { readonly acknowledged: number; readonly missing: number };
  /** Acknowledged while the recovery point was being taken (a backup running): either way is right. */
  readonly during: { readonly acknowledged: number; readonly missing: number };
  /** Sent after it and acknowledged before the loss (the loss window): the strategy's loss, every one must be missing. */
  readonly after: { readonly acknowledged: number; readonly missing: number };
  /** Acknowledged by the restored system (the order flow goes on through the outage): every one must be there. */
  readonly restored: { readonly acknowledged: number; readonly missing: number };
  /** The recovery point's age at the loss: total loss → the last moment it covers, ms. */
  readonly rpoMs: number;
  /** What the RTO projection scales from (src/dr/rto-projection.ts): the source database's size right before the loss… */
  readonly databaseBytes: number;
  /** …and how long its backup and its restore steps took (the parts that grow with the data). */
  readonly backupMs: number;
  readonly restoreMs: number;
}

/** What an integrity check reads: the environment and order flow, and the transcripts of the steps that ran. */
export interface IntegrityContext extends ProbeContext {
  readonly transcripts: readonly StepTranscript[];
}

/**
 * A step's bash, or one command per runtime when the operator's command
 * differs by how the system runs (`{ local: 'redis-server …', docker: 'docker start …' }`).
 * The remediate phase picks the environment's; a runtime without one is an error naming the step.
 */
export type StepCommand = string | Readonly<Partial<Record<RuntimeName, string>>>;

/**
 * A runbook step as a scenario declares it: by id, with what the scenario
 * checks after it. Its command comes from the runbook when the scenario is
 * bound (src/runbook/bind.ts); an inline `run` overrides the runbook (tests of
 * a deliberately broken step use it).
 */
export interface RemediationStep {
  readonly id: string;
  readonly title?: string;
  readonly run?: StepCommand;
  readonly timeoutMs?: number;
  readonly expect?: RunbookStep['expect'];
  readonly postcondition?: RunbookStep['postcondition'];
  /** From the runbook's `suite=`: the probe suite run in place of the command where the runtime cannot run it. */
  readonly suite?: RunbookStep['suite'];
  /**
   * Run the step only where this holds (an extension that may not be
   * installed); otherwise it is recorded as skipped, with what was seen as the reason.
   */
  readonly onlyIf?: Probe;
  /** Recorded after the step, not judged: what the step changed (a setting pending a restart). */
  readonly observe?: readonly Probe[];
  /**
   * What the step may touch; nothing else may change across it (absent: it may
   * touch nothing). Checked around every step (src/checks/collateral-damage.ts).
   */
  readonly touches?: StepTouches;
}

/** What one remediation step may change: everything it does not name must come through it unharmed. */
export interface StepTouches {
  /** Services it may restart or stop (their main process may change): `redis` for `redis.restart`. */
  readonly services?: readonly ServiceName[];
  /** PostgreSQL sessions it may end, by application_name: the stuck client's, for `db.terminate-stuck`. */
  readonly postgresSessions?: readonly string[];
}

/**
 * The runbook's health check as the scenario holds it: run during the fault,
 * it must fail and name the broken dependency (or, where the fault breaks no
 * system, pass); run after recovery, it must pass. Exactly one of
 * `failsNaming` and `passesDuringFault`.
 */
export interface HealthCheck {
  /** The runbook step, by id (`health.check`); bound like a remediation step. */
  readonly step: RemediationStep;
  /** What the failing check's output must name, as a word, case-insensitive: `redis`. */
  readonly failsNaming?: string;
  /** Why the check must pass during the fault (a market shock breaks no system: it must not blame one). */
  readonly passesDuringFault?: string;
}

/** An alert the fault must fire, through the real Prometheus of the environment. */
export interface AlertExpectation {
  readonly alert: string;
  /** Labels the firing alert must carry (e.g. `{ job: 'log-sink' }`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Fault injected → alert firing, by Prometheus' clock (the alert's activeAt plus the rule's `for`). */
  readonly withinMs: number;
}

export interface AlertExpectations {
  /** Must fire, each within its time; the runbook's remediation starts once they have (the operator acts when paged). */
  readonly fire: readonly AlertExpectation[];
  /** Alert names that must not fire from injection until recovery (a false page is a finding). */
  readonly quiet: readonly string[];
}

export interface CheckContext extends ProbeContext {
  readonly transcripts: readonly StepTranscript[];
  /**
   * Runs one of the scenario's runbook steps again, by id, or a step the check
   * declares with its own `run` (a negative control: the command the runbook forbids).
   */
  runStep(step: string | RemediationStep): Promise<StepTranscript>;
}

/** An extra assertion made after recovery (no request storm, a guard that holds). */
export interface Check {
  readonly name: string;
  /** The services and links it reaches by name, checked against the config before anything starts. */
  readonly uses?: Uses;
  run(context: CheckContext): Promise<Observation>;
}

/** The order flow a scenario runs under (src/workload/order-flow.ts). */
export interface ScenarioWorkload {
  /** The system's configured peak order rate, for this scenario. */
  readonly ordersPerSec: number;
  /** A stress run (RTS 6 Art. 10): this many times the peak rate; `firedrill run --load-multiplier N` sets it for any scenario. */
  readonly loadMultiplier?: number;
  /** Every `every`-th order asks for `qty`: above the system's pre-trade limits, each must be refused. */
  readonly oversized?: { readonly every: number; readonly qty: number };
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The runbook promises or compliance controls this scenario evidences. */
  readonly controls: readonly string[];
  /** The runtimes it runs on, and why not the others; absent: every runtime. */
  readonly appliesTo?: Applicability;
  readonly workload: ScenarioWorkload;
  readonly targets: Targets;
  readonly steadyState: readonly Probe[];
  readonly faults: readonly Fault[];
  readonly detection: Probe;
  readonly alerts: AlertExpectations;
  /**
   * Alerts whose `for` this scenario's Prometheus shortens (a production
   * `for: 15m` cannot be waited for in a drill): each environment loads a copy
   * of the run's rules with only those `for` values changed, recorded with the
   * reason and the copies' hashes in the evidence.
   */
  readonly alertRuleOverrides: readonly AlertRuleOverride[];
  /** What must keep holding while the fault is on, until recovery (graceful degradation): checked every 250 ms. */
  readonly duringFault: readonly Probe[];
  /**
   * Runbook steps run once the steady state holds, before any fault (the backups a disaster-recovery drill restores
   * from); bound and checked like remediation steps. The first that fails fails the scenario, naming it, and nothing
   * is broken.
   */
  readonly preparation?: readonly RemediationStep[];
  readonly remediation: readonly RemediationStep[];
  /** The runbook's health check, during the fault and after recovery; every shipped scenario declares one. */
  readonly healthCheck?: HealthCheck;
  /** Defaults to the steady-state probes. */
  readonly recovery: readonly Probe[];
  integrity(context: IntegrityContext): Promise<Integrity>;
  readonly checks: readonly Check[];
  readonly timeouts: {
    /** How long the steady state may take to hold before the scenario is aborted. */
    readonly steadyStateMs: number;
    /** How long to keep waiting for detection / recovery past their targets, to measure a miss. */
    readonly overrunMs: number;
  };
  /** How long probes must hold without a break to count: a steady state is steady, a recovery is not a flap. */
  readonly hold: {
    readonly steadyStateMs: number;
    readonly recoveryMs: number;
  };
  /**
   * Services this scenario runs blue/green behind nginx (each must be marked `blueGreen` in the config); absent:
   * none, every service runs as one process. Its environment offers `env.blueGreen(name)` for each.
   */
  readonly blueGreen?: readonly ServiceName[];
}
