/**
 * The command a command runs: a wrapper's argument list (`sudo pm2 restart
 * all` runs `pm2 restart all`) or a shell string (`ssh host 'redis-cli
 * flushall'`), as a script of its own at the runbook lines it was written on.
 * Wrappers nest: `sudo timeout 5 redis-cli …` is three commands deep.
 */
import { commandString } from './command-strings.ts';
import type { Assignment, Nested, Redirect, ShellWord, SimpleCommand } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';
import { assignmentsInWords } from './word-assignments.ts';
import { afterOptions, wrapperOf } from './wrappers.ts';

/** A command made of words another command was given. */
function commandOfWords(words: readonly ShellWord[], assignments: Assignment[], reader: TreeReader): SimpleCommand {
  const [name, ...args] = words;
  const line = name?.line ?? assignments[0]?.line ?? 0;
  return {
    kind: 'command',
    line,
    endLine: words.at(-1)?.line ?? line,
    text: words.map((word) => word.text).join(' '),
    redirects: [],
    name: name ?? null,
    args,
    assignments,
    nested: name ? nestedCommand(name, args, [], reader) : null,
  };
}

export function nestedCommand(
  name: ShellWord,
  args: readonly ShellWord[],
  redirects: readonly Redirect[],
  reader: TreeReader,
): Nested | null {
  if (!name.literal) return null;
  const string = commandString(name.value, args, redirects);
  if (string) return { via: string.via, script: reader.script(string.source, string.line), argumentsFromInput: false, fromString: true };
  const wrapper = wrapperOf(name.value, args);
  if (!wrapper) return null;
  const start = afterOptions(wrapper.rest, wrapper.spec);
  if (start < 0) return null;
  const words = wrapper.rest.slice(start + (wrapper.spec.operands ?? 0));
  const assignments = wrapper.spec.assignments ? assignmentsInWords(wrapper.rest.slice(0, start)) : [];
  if (words.length === 0) return null;
  return {
    via: wrapper.via,
    script: { statements: [commandOfWords(words, assignments, reader)], problems: [] },
    argumentsFromInput: wrapper.spec.argumentsFromInput ?? false,
    fromString: false,
  };
}
