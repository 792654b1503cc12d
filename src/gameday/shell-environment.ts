/**
 * The operator shell's environment: exactly what a runbook step gets (the
 * environment's variables: PGHOST, REDIS_PORT, ATS_URL, PM2_HOME, …), the
 * terminal's own settings, and the game day's: `firedrill` first on PATH,
 * where `firedrill note` finds the game day, and whose name a note from this
 * shell carries. Nothing else of the harness's environment passes: it may hold
 * FIREDRILL_SIGNING_KEY or a CI token.
 */
import type { GameDayFiles } from './game-day-files.ts';

/** Of the harness's own environment, only what a terminal needs. */
const terminalVariables = ['HOME', 'USER', 'LOGNAME', 'TERM', 'COLORTERM', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMUX', 'TMUX_PANE'];

export function operatorEnvironment(
  stepVariables: Readonly<Record<string, string>>,
  game: { readonly files: GameDayFiles; readonly liveFile: string; readonly operator: string },
  harness: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const terminal = Object.fromEntries(terminalVariables.flatMap((name) => (harness[name] ? [[name, harness[name]]] : [])));
  return {
    ...terminal,
    ...stepVariables,
    PATH: [game.files.bin, stepVariables.PATH ?? harness.PATH ?? '/usr/bin:/bin'].join(':'),
    FIREDRILL_GAMEDAY: game.liveFile,
    FIREDRILL_NOTE_BY: game.operator,
  };
}
