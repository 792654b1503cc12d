/**
 * A game day's human record, in evidence.json beside the measurements of the
 * same run (`scenarios[].gameDay`, schemas/evidence.v1.json): who responded,
 * the page they got, every command line they ran and every note, with times
 * relative to the fault (`sinceFaultMs`, wall clock: the shell and the note
 * command stamp their own) and ISO times. Redacted like the rest.
 */
export interface GameDayRecord {
  readonly roles: { readonly operator: string; readonly observer?: string };
  /** recovered: the recovery probes held; time-limit: they had not when it ran out; operator-left: the shell ended first. */
  readonly ended: 'recovered' | 'time-limit' | 'operator-left' | 'interrupted';
  /** Also the recovery target the game day's verdict judged (recoveryMs, rollbackMs) in place of the runbook's. */
  readonly timeLimitMs: number;
  /** The scenario's own recovery targets, the promise for its runbook steps run by the harness: for comparison. */
  readonly runbookTargets: { readonly recoveryMs: number; readonly rollbackMs?: number };
  /** What paged the operator (Alertmanager's webhook), or null when nothing did. */
  readonly page: GameDayPage | null;
  /** The operator's shell opened and closed, since the fault. */
  readonly shellOpenedMs: number;
  readonly shellClosedMs: number | null;
  /** When the recovery probes held (the clock stopped), since the fault; null when they did not. */
  readonly recoveredMs: number | null;
  readonly commands: readonly OperatorCommand[];
  readonly notes: readonly GameDayNote[];
  readonly hints: { readonly enabled: boolean; readonly revealed: readonly RevealedHint[] };
}

export interface GameDayPage {
  readonly at: string;
  readonly sinceFaultMs: number;
  /** `pagerduty P7X2K9Q` */
  readonly contact: string;
  readonly alerts: readonly string[];
}

/** One command line as the operator entered it (a multi-line command joined by `; `, as bash's history keeps it). */
export interface OperatorCommand {
  /** Bash's history number. */
  readonly n: number;
  readonly command: string;
  readonly at: string;
  readonly sinceFaultMs: number;
  /** null: still running when the shell ended. */
  readonly exitStatus: number | null;
  readonly durationMs: number | null;
}

export interface GameDayNote {
  readonly at: string;
  readonly sinceFaultMs: number;
  readonly by: string;
  readonly text: string;
}

export interface RevealedHint {
  readonly level: number;
  readonly at: string;
  readonly sinceFaultMs: number;
  /** asked: `firedrill hint`; timed: the interval passed without recovery. */
  readonly how: 'asked' | 'timed';
  readonly title: string;
}
