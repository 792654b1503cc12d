/**
 * Commands whose words are patterns, not values: `grep -E 'password=[^&]+'`
 * searches logs for a leaked password, it gives none. Of a sed script only
 * the replacement of an `s` command is text it writes (`s/^requirepass
 * .*\/requirepass $NEW/`), so that alone may hold a credential.
 */
import { commandName } from '../shell/command-name.ts';
import type { SimpleCommand } from '../shell/shell-model.ts';

const searchers = new Set([
  'grep',
  'egrep',
  'fgrep',
  'zgrep',
  'zegrep',
  'rg',
  'ag',
  'ack',
  'git-grep',
  'awk',
  'gawk',
  'mawk',
  'nawk',
  'jq',
]);
/** `s<d>pattern<d>replacement<d>`: group 2 is the replacement, whatever the delimiter. */
const substitution = /(?:^|[;\s{])s([^\w\s\\])(?:\\.|(?!\1).)*\1((?:\\.|(?!\1).)*)\1/g;

/** The texts the command writes from its own words when it is a search or a sed edit (null: its words are read as values). */
export function patternCommandText(command: SimpleCommand): { text: string; line: number }[] | null {
  const name = commandName(command);
  if (searchers.has(name)) return [];
  if (name !== 'sed') return null;
  return command.args.flatMap((word) => [...word.value.matchAll(substitution)].map((match) => ({ text: match[2]!, line: word.line })));
}
