/**
 * How `firedrill note` and `firedrill hint` find the game day that is running:
 * `<report-dir>/gameday.json`, written when the operator's shell opens and
 * removed when the game day ends. Inside the shell, FIREDRILL_GAMEDAY names
 * it (whatever the shell's directory); from another terminal, the same
 * `--report-dir` as the game day's (default `reports`, from the same
 * directory) finds it. One game day per report dir at a time.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface LiveGameDay {
  readonly pid: number;
  /** The game day's files (game-day-files.ts). */
  readonly dir: string;
  readonly operator: string;
  readonly observer?: string;
  readonly hints: boolean;
  /** Wall-clock ms of the fault: notes are timed from it. */
  readonly faultAtMs: number;
}

export const liveFileName = 'gameday.json';

export function liveFileIn(reportDir: string): string {
  return resolve(reportDir, liveFileName);
}

export async function writeLiveGameDay(file: string, live: LiveGameDay): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(live, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function removeLiveGameDay(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The running game day, or an Error saying why there is none (naming the file and what to do). */
export async function findLiveGameDay(file: string): Promise<LiveGameDay | Error> {
  let live: LiveGameDay;
  try {
    live = JSON.parse(await readFile(file, 'utf8')) as LiveGameDay;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(error as Error).message}`;
    return new Error(
      `no game day is running: ${file} ${why}; start one with \`firedrill gameday <scenario>\`, or pass the game day's --report-dir`,
    );
  }
  if (!isAlive(live.pid)) return new Error(`no game day is running: ${file} names process ${live.pid}, which has ended`);
  return live;
}

/** Another game day already running on this report dir: its pid; undefined when none (a stale file is not one). */
export async function runningGameDay(file: string): Promise<number | undefined> {
  const live = await findLiveGameDay(file);
  return live instanceof Error ? undefined : live.pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
