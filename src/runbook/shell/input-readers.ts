/**
 * The commands a list of statements' standard input reaches, in the order
 * they may read it: each statement of a list or group in turn (in `cd /srv &&
 * sudo -S make` cd reads nothing and leaves it to sudo), only the first
 * command of a pipeline (the others read the pipe), none that chooses its own
 * input (`sudo -S true < /run/secrets/pw`).
 */
import { childStatements } from './every-statement.ts';
import { readsOwnInput } from './known-input.ts';
import type { SimpleCommand, Statement } from './shell-model.ts';

/** Statements whose parts all read the input they are given, one after another. */
const inTurn = new Set<Statement['kind']>(['and', 'or', 'not', 'group', 'subshell']);

function readersOf(statement: Statement): SimpleCommand[] {
  if (readsOwnInput(statement.redirects)) return [];
  if (statement.kind === 'command') return [statement];
  if (statement.kind === 'pipeline') return statement.commands.slice(0, 1).flatMap(readersOf);
  return inTurn.has(statement.kind) ? inputReaders(childStatements(statement)) : [];
}

export const inputReaders = (statements: readonly Statement[]): SimpleCommand[] => statements.flatMap(readersOf);
