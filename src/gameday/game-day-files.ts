/**
 * Where one game day keeps its moving parts, inside the environment's sandbox
 * (removed with it at teardown):
 *
 *   <sandbox>/gameday/
 *     operator.bashrc   the operator shell's rc file (shell-rc.ts)
 *     commands.log      what the shell ran: start and end records (command-log.ts)
 *     status           the status line's facts, rewritten by the watcher (status-line.ts)
 *     notes.jsonl       one note a line, appended by `firedrill note` (notes.ts)
 *     hints.json        the hints there are; hints.jsonl, the ones revealed (hints.ts)
 *     bin/firedrill     the firedrill command, on the shell's PATH
 *     history           the shell's HISTFILE (kept out of the operator's ~/.bash_history)
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface GameDayFiles {
  readonly dir: string;
  readonly rc: string;
  readonly commandLog: string;
  readonly status: string;
  readonly notes: string;
  readonly hints: string;
  readonly revealed: string;
  readonly bin: string;
  readonly history: string;
}

export function gameDayFilesIn(dir: string): GameDayFiles {
  return {
    dir,
    rc: join(dir, 'operator.bashrc'),
    commandLog: join(dir, 'commands.log'),
    status: join(dir, 'status'),
    notes: join(dir, 'notes.jsonl'),
    hints: join(dir, 'hints.json'),
    revealed: join(dir, 'hints.jsonl'),
    bin: join(dir, 'bin'),
    history: join(dir, 'history'),
  };
}

/**
 * Creates the directory under `sandboxDir`, with `bin/firedrill` running this
 * very command (`command`: the Node binary and the CLI's entry) so that
 * `firedrill note` and `firedrill hint` work inside the operator's shell.
 */
export async function createGameDayFiles(sandboxDir: string, command: readonly string[]): Promise<GameDayFiles> {
  const files = gameDayFilesIn(join(sandboxDir, 'gameday'));
  await mkdir(files.bin, { recursive: true });
  const quoted = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
  await writeFile(join(files.bin, 'firedrill'), `#!/bin/sh\nexec ${quoted} "$@"\n`);
  await chmod(join(files.bin, 'firedrill'), 0o755);
  return files;
}
