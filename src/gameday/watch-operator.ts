/**
 * While the operator works: the scenario's recovery probes, polled as the
 * unattended run polls them after its steps (pollUntilHeld with the
 * scenario's hold window), until they hold, the time limit passes, or the
 * operator leaves the shell (then a short grace: a fix may take a moment to
 * show). Beside it, once a second, the status line (what is down, what
 * fires, the hint), timed hints, and the human timeline: each command line
 * the shell logged and each note, into the run's timeline as they appear.
 */
import type { Observation } from '../probes/probe.ts';
import { pollUntilHeld } from '../runner/poll.ts';
import type { ScenarioRun } from '../runner/scenario-run.ts';
import { readCommandLog } from './command-log.ts';
import { firingAlerts } from './firing-alerts.ts';
import type { GameDayFiles } from './game-day-files.ts';
import { readHints, revealNext } from './hints.ts';
import { readNotes } from './notes.ts';
import type { OperatorShell } from './operator-shell.ts';
import { downFrom, writeStatus } from './status-line.ts';

export interface WatchOptions {
  readonly shell: OperatorShell;
  readonly files: GameDayFiles;
  /** Wall-clock ms: the fault, the page (the status line's clock), and the time limit. */
  readonly faultAtMs: number;
  readonly pageAtMs: number;
  readonly limitAtMs: number;
  /** Monotonic deadline (clock.now()) of the time limit. */
  readonly deadline: number;
  /** With hints on: a level revealed each interval without recovery. */
  readonly hintEveryMs?: number;
  readonly redact: (text: string) => string;
}

export interface WatchOutcome {
  readonly ended: 'recovered' | 'time-limit' | 'operator-left' | 'interrupted';
  readonly heldAt?: number;
  /** What the recovery probes saw last, for each that did not hold. */
  readonly unmet: readonly string[];
}

/** After the operator leaves the shell: how long, beyond the hold window, the probes get to hold. */
export const leftGraceMs = 5_000;
const tickMs = 1_000;

export async function watchOperator(run: ScenarioRun, options: WatchOptions): Promise<WatchOutcome> {
  const names = run.scenario.recovery.map((p) => p.name);
  let last: readonly Observation[] = [];
  const ticker = startTicker(run, options, () => downFrom(names, last));
  const unmet = () => last.flatMap((o, i) => (o.ok ? [] : [`${names[i]}: ${o.detail}`]));
  const poll = (signal: AbortSignal, deadlineMs: number) =>
    pollUntilHeld(run.scenario.recovery, run.probes, {
      clock: run.clock,
      signal,
      deadlineMs,
      intervalMs: 250,
      holdMs: run.scenario.hold.recoveryMs,
      onRound: (seen) => {
        last = seen;
      },
    });
  const left = new AbortController();
  void options.shell.exited.then(() => left.abort(new Error('the operator left the shell')));
  try {
    const result = await poll(AbortSignal.any([run.signal, left.signal]), options.deadline - run.clock.now());
    return result.heldAt === undefined ? { ended: 'time-limit', unmet: unmet() } : { ended: 'recovered', heldAt: result.heldAt, unmet: [] };
  } catch (error) {
    if (run.signal.aborted) return { ended: 'interrupted', unmet: unmet() };
    if (!left.signal.aborted) throw error;
    const graceMs = Math.min(options.deadline - run.clock.now(), run.scenario.hold.recoveryMs + leftGraceMs);
    const result = await poll(run.signal, Math.max(0, graceMs)).catch(() => undefined);
    if (result?.heldAt !== undefined) return { ended: 'recovered', heldAt: result.heldAt, unmet: [] };
    return { ended: run.signal.aborted ? 'interrupted' : 'operator-left', unmet: unmet() };
  } finally {
    await ticker.stop();
  }
}

/** Once a second until stopped: the status line, timed hints, and new commands, notes and hints into the timeline. */
function startTicker(run: ScenarioRun, options: WatchOptions, down: () => string[]): { stop(): Promise<void> } {
  const stopped = new AbortController();
  const seen = { commands: 0, notes: 0, hints: 0 };
  const openedAt = run.clock.now();
  const prometheus = run.probes.env.variables().PROMETHEUS_URL;
  const tick = async () => {
    const elapsed = run.clock.now() - openedAt;
    if (options.hintEveryMs && elapsed >= (seen.hints + 1) * options.hintEveryMs)
      await revealNext(options.files, 'timed', run.clock.wallTime());
    const hint = await newHuman(run, options, seen);
    const firing = prometheus ? await firingAlerts(prometheus, 800) : null;
    await writeStatus(options.files.status, { pageAtMs: options.pageAtMs, limitAtMs: options.limitAtMs, down: down(), firing, hint });
  };
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await tick().catch((error: unknown) => run.timeline.record('gameday.watch-error', { error: (error as Error).message }));
      await run.clock.sleep(tickMs, stopped.signal).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopped.abort();
      await loop;
      await newHuman(run, options, seen).catch(() => undefined);
    },
  };
}

/** Records what the operator did since the last look (commands, notes, hints revealed); answers the last hint's title. */
async function newHuman(run: ScenarioRun, options: WatchOptions, seen: { commands: number; notes: number; hints: number }) {
  const sinceFault = (atMs: number) => Math.round(atMs - options.faultAtMs);
  const commands = await readCommandLog(options.files.commandLog);
  for (const c of commands.slice(seen.commands))
    run.timeline.record('operator.command', { n: c.n, command: options.redact(c.command), sinceFaultMs: sinceFault(c.startedAtMs) });
  seen.commands = commands.length;
  const notes = await readNotes(options.files.notes);
  for (const note of notes.slice(seen.notes))
    run.timeline.record('gameday.note', { by: note.by, text: options.redact(note.text), sinceFaultMs: sinceFault(Date.parse(note.at)) });
  seen.notes = notes.length;
  if (!options.hintEveryMs) return undefined;
  const { hints, revealed } = await readHints(options.files);
  for (const reveal of revealed.slice(seen.hints))
    run.timeline.record('gameday.hint', { level: reveal.level, how: reveal.how, sinceFaultMs: sinceFault(Date.parse(reveal.at)) });
  seen.hints = revealed.length;
  const latest = hints.find((h) => h.level === revealed.at(-1)?.level);
  return latest ? `hint ${latest.level}: ${latest.title}` : undefined;
}
