/**
 * A game day's phases 4–5 (src/runner/phases/restore.ts): a person in place
 * of the runbook's steps. Everything before (steady state, the fault, its
 * detection and alerts, the health check) and after (integrity, checks,
 * reverts, teardown) is the unattended run's.
 *
 *   wait for the page ─> brief the operator ─> shell opens (the clock: recoveryMs counts from here)
 *        ─> watch: recovery probes, status line, hints, commands and notes
 *        ─> held / time limit / operator left ─> shell hung up ─> the human record
 */
import { writeFile } from 'node:fs/promises';
import type { GameDayRecord } from '../evidence/game-day-record.ts';
import { redact } from '../evidence/redact.ts';
import { shownPath } from '../shown-path.ts';
import { environmentSecrets } from '../evidence/environment-secrets.ts';
import type { Runbook } from '../runbook/runbook.ts';
import type { Incident, RestorePhase, Restoration } from '../runner/phases/restore.ts';
import type { ScenarioRun } from '../runner/scenario-run.ts';
import { briefingLines } from './briefing.ts';
import { readCommandLog } from './command-log.ts';
import { formatDuration } from '../dr/format-duration.ts';
import { createGameDayFiles, type GameDayFiles } from './game-day-files.ts';
import { gameDayRecord } from './game-day-record.ts';
import type { GameDayTerminal } from './game-day-terminal.ts';
import { hintsFor, readHints, writeHints } from './hints.ts';
import { removeLiveGameDay, writeLiveGameDay } from './live-game-day.ts';
import { readNotes } from './notes.ts';
import { openOperatorShell } from './operator-shell.ts';
import { awaitPage, pageLines, pagedSections } from './page.ts';
import { operatorEnvironment } from './shell-environment.ts';
import { operatorRc } from './shell-rc.ts';
import { writeStatus } from './status-line.ts';
import { type WatchOutcome, watchOperator } from './watch-operator.ts';

export interface GameDayOptions {
  readonly roles: { readonly operator: string; readonly observer?: string };
  /** From the shell's opening (game-day-scenario.ts: also the recovery target judged). */
  readonly timeLimitMs: number;
  /** The scenario's own recovery targets, for the record (asGameDay replaced them with the time limit). */
  readonly runbookTargets: GameDayRecord['runbookTargets'];
  /** Hints on, one level each interval without recovery (and on `firedrill hint`); absent: hints off. */
  readonly hintEveryMs?: number;
  readonly runbook: Runbook;
  /** `<report-dir>/gameday.json` (live-game-day.ts). */
  readonly liveFile: string;
  readonly terminal: GameDayTerminal;
  /** The firedrill command for the shell's PATH: Node and the CLI's entry. */
  readonly command: readonly string[];
}

export function gameDayRestore(options: GameDayOptions): RestorePhase {
  return async (run, incident) => {
    const files = await createGameDayFiles(run.workDir, options.command);
    const faultAtMs = run.clock.wallTime().getTime() - (run.clock.now() - incident.injectedAt);
    const page = await awaitPage(run.probes.env.webhookReceiver?.(), incident.injectedAt, pageTimeoutMs(run, incident));
    run.timeline.record('gameday.paged', { notifications: page.length });
    const hints = options.hintEveryMs ? hintsFor(run.scenario, options.runbook, run.probes.env.runtime, pagedSections(page)) : [];
    await writeHints(files, hints);
    await writeFile(files.rc, operatorRc(files));
    const { timeLimitMs } = options;
    options.terminal.brief(
      briefingLines({
        ...options.roles,
        page: pageLines(page),
        timeline: run.timeline.events,
        checks: incident.checks,
        timeLimitMs,
        hints: hints.length > 0,
        runbook: shownPath(options.runbook.file),
      }),
    );
    const startedAt = run.clock.now();
    const shellOpenedAtMs = run.clock.wallTime().getTime();
    run.timeline.record('remediation.started', { by: 'operator', ...options.roles, timeLimitMs });
    const paged = [...new Set(page.flatMap((n) => n.alerts.map((a) => a.alertname)))];
    const watched = await inShell(run, options, files, { faultAtMs, shellOpenedAtMs, timeLimitMs, startedAt, paged });
    const { heldAt, ended, unmet } = watched.outcome;
    run.timeline.record(heldAt === undefined ? 'recovery.missed' : 'recovery.held', { by: 'operator', ended, observations: unmet });
    const recoveredMs = watched.outcome.heldAt === undefined ? null : Math.round(watched.outcome.heldAt - incident.injectedAt);
    const record = gameDayRecord({
      ...watched,
      roles: options.roles,
      ended: watched.outcome.ended,
      timeLimitMs,
      runbookTargets: options.runbookTargets,
      faultAtMs,
      shellOpenedAtMs,
      recoveredMs,
      page,
      commands: await readCommandLog(files.commandLog),
      notes: await readNotes(files.notes),
      hints: { enabled: hints.length > 0, all: hints, ...(await readHints(files)) },
      redact: redactor(run),
    });
    options.terminal.say(endLine(watched.outcome, recoveredMs, timeLimitMs));
    return restoration(startedAt, watched.outcome, timeLimitMs, record);
  };
}

/** Opens the shell, watches, and hangs the shell up whatever happened; the terminal is the harness's again after. */
async function inShell(
  run: ScenarioRun,
  options: GameDayOptions,
  files: GameDayFiles,
  at: { faultAtMs: number; shellOpenedAtMs: number; timeLimitMs: number; startedAt: number; paged: readonly string[] },
): Promise<{ outcome: WatchOutcome; shellClosedAtMs: number }> {
  const live = { pid: process.pid, dir: files.dir, ...options.roles, hints: options.hintEveryMs !== undefined, faultAtMs: at.faultAtMs };
  await writeLiveGameDay(options.liveFile, live);
  const times = { pageAtMs: at.shellOpenedAtMs, limitAtMs: at.shellOpenedAtMs + at.timeLimitMs };
  await writeStatus(files.status, { ...times, down: ['not looked at yet'], firing: at.paged });
  options.terminal.handOver();
  const env = operatorEnvironment(run.probes.env.variables(), { files, liveFile: options.liveFile, operator: options.roles.operator });
  const shell = openOperatorShell({ rcFile: files.rc, cwd: run.workDir, env });
  try {
    const outcome = await watchOperator(run, {
      shell,
      files,
      ...times,
      faultAtMs: at.faultAtMs,
      deadline: at.startedAt + at.timeLimitMs,
      ...(options.hintEveryMs ? { hintEveryMs: options.hintEveryMs } : {}),
      redact: redactor(run),
    });
    await shell.end();
    return { outcome, shellClosedAtMs: shell.exitedAtMs() ?? Date.now() };
  } finally {
    await shell.end();
    options.terminal.takeBack();
    await removeLiveGameDay(options.liveFile);
  }
}

/** Until the last alert the scenario expects could have fired, and paged; 5 s when it expects none. */
function pageTimeoutMs(run: ScenarioRun, incident: Incident): number {
  const latest = Math.max(0, ...run.scenario.alerts.fire.map((a) => a.withinMs));
  const untilMs = latest === 0 ? 5_000 : latest + run.scenario.timeouts.overrunMs;
  return untilMs - (run.clock.now() - incident.injectedAt);
}

function redactor(run: ScenarioRun): (text: string) => string {
  const secrets = environmentSecrets(run.probes.env);
  return (text) => redact(text, secrets);
}

function restoration(startedAt: number, outcome: WatchOutcome, timeLimitMs: number, gameDay: Restoration['gameDay']): Restoration {
  const base = { startedAt, transcripts: [], collateral: [], gameDay };
  if (outcome.heldAt !== undefined) return { ...base, heldAt: outcome.heldAt };
  const still = outcome.unmet.length > 0 ? `: ${outcome.unmet.join('; ')}` : '';
  const why = {
    'time-limit': `the operator did not restore service within the game day's time limit of ${formatDuration(timeLimitMs)}`,
    'operator-left': 'the operator left the shell before service was restored',
    interrupted: 'the game day was interrupted before service was restored',
    recovered: 'service was not restored',
  }[outcome.ended];
  return { ...base, notRestored: `${why}${still}` };
}

function endLine(outcome: WatchOutcome, recoveredMs: number | null, timeLimitMs: number): string {
  if (recoveredMs !== null)
    return `\nfiredrill: service restored ${formatDuration(recoveredMs)} after the fault: the clock stopped. Reverting and tearing down…`;
  if (outcome.ended === 'time-limit')
    return `\nfiredrill: time limit (${formatDuration(timeLimitMs)}) reached without recovery. Reverting and tearing down…`;
  return `\nfiredrill: the game day ended (${outcome.ended}) without recovery. Reverting and tearing down…`;
}
