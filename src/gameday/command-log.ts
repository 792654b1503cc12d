/**
 * Reads what the operator shell recorded (shell-rc.ts): NUL-terminated
 * records, a start (S) when bash has read a command line, an end (E) when it
 * finished. Pairs them by bash's history number; an end without a start (an
 * empty line moves no history number, a comment line does but runs nothing)
 * is no command.
 *
 *   S <epoch s.µs> <n> <the line>      E <epoch s.µs> <n> <exit status>
 */
import { readFile } from 'node:fs/promises';

export interface LoggedCommand {
  readonly n: number;
  readonly command: string;
  /** Wall-clock ms. */
  readonly startedAtMs: number;
  /** Absent while it runs (or when the shell ended under it). */
  readonly endedAtMs?: number;
  readonly exitStatus?: number;
}

export function parseCommandLog(text: string): LoggedCommand[] {
  const commands = new Map<number, LoggedCommand>();
  for (const record of text.split('\0')) {
    const [kind, epoch, number, ...rest] = record.split('\t');
    const n = Number(number);
    const atMs = Math.round(Number(epoch) * 1000);
    if (!Number.isInteger(n) || !Number.isFinite(atMs)) continue;
    const known = commands.get(n);
    if (kind === 'S' && !known) commands.set(n, { n, command: rest.join('\t'), startedAtMs: atMs });
    if (kind === 'E' && known && known.endedAtMs === undefined) commands.set(n, { ...known, endedAtMs: atMs, exitStatus: Number(rest[0]) });
  }
  return [...commands.values()].sort((a, b) => a.startedAtMs - b.startedAtMs);
}

/** The log so far; empty when the shell has written nothing yet. */
export async function readCommandLog(file: string): Promise<LoggedCommand[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return parseCommandLog(text);
}
