/**
 * The game day's human record for the evidence (src/evidence/game-day-record.ts),
 * from what the shell logged, the notes and the hints revealed: every time
 * relative to the fault, every text redacted.
 */
import type { GameDayRecord, OperatorCommand } from '../evidence/game-day-record.ts';
import type { Notification } from '../monitoring/webhook-receiver.ts';
import type { LoggedCommand } from './command-log.ts';
import type { Hint, Reveal } from './hints.ts';
import type { Note } from './notes.ts';

export interface HumanFacts {
  readonly roles: GameDayRecord['roles'];
  readonly ended: GameDayRecord['ended'];
  readonly timeLimitMs: number;
  readonly runbookTargets: GameDayRecord['runbookTargets'];
  /** Wall-clock ms. */
  readonly faultAtMs: number;
  readonly shellOpenedAtMs: number;
  readonly shellClosedAtMs: number | null;
  /** Fault → recovery probes held, on the monotonic clock; null when they did not. */
  readonly recoveredMs: number | null;
  readonly page: readonly Notification[];
  readonly commands: readonly LoggedCommand[];
  readonly notes: readonly Note[];
  readonly hints: { readonly enabled: boolean; readonly all: readonly Hint[]; readonly revealed: readonly Reveal[] };
  readonly redact: (text: string) => string;
}

export function gameDayRecord(facts: HumanFacts): GameDayRecord {
  const since = (atMs: number) => Math.round(atMs - facts.faultAtMs);
  const first = facts.page[0];
  return {
    roles: facts.roles,
    ended: facts.ended,
    timeLimitMs: facts.timeLimitMs,
    runbookTargets: facts.runbookTargets,
    page: first
      ? {
          at: first.at,
          sinceFaultMs: since(Date.parse(first.at)),
          contact: `${first.channel} ${first.contact}`,
          alerts: [...new Set(facts.page.flatMap((n) => n.alerts.filter((a) => a.status === 'firing').map((a) => a.alertname)))],
        }
      : null,
    shellOpenedMs: since(facts.shellOpenedAtMs),
    shellClosedMs: facts.shellClosedAtMs === null ? null : since(facts.shellClosedAtMs),
    recoveredMs: facts.recoveredMs,
    commands: facts.commands.map((c) => operatorCommand(c, since, facts.redact)),
    notes: facts.notes.map((n) => ({
      at: n.at,
      sinceFaultMs: since(Date.parse(n.at)),
      by: facts.redact(n.by),
      text: facts.redact(n.text),
    })),
    hints: {
      enabled: facts.hints.enabled,
      revealed: facts.hints.revealed.map((r) => ({
        level: r.level,
        at: r.at,
        sinceFaultMs: since(Date.parse(r.at)),
        how: r.how,
        title: facts.hints.all.find((h) => h.level === r.level)?.title ?? '',
      })),
    },
  };
}

function operatorCommand(c: LoggedCommand, since: (atMs: number) => number, redact: (text: string) => string): OperatorCommand {
  return {
    n: c.n,
    command: redact(c.command),
    at: new Date(c.startedAtMs).toISOString(),
    sinceFaultMs: since(c.startedAtMs),
    exitStatus: c.exitStatus ?? null,
    durationMs: c.endedAtMs === undefined ? null : c.endedAtMs - c.startedAtMs,
  };
}
