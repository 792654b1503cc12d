/**
 * What a script's variables may hold, flow-insensitively: every value any
 * assignment, `for` list or `read` gives a name anywhere in the script. Good
 * for "may this hold a rate-gate key?" or "may this be `all`?", where one
 * possible value is enough; a variable the script never sets (one of the
 * environment's) holds nothing known.
 */
import { everyStatement } from './every-statement.ts';
import { textWord } from './read-word.ts';
import type { ShellScript, ShellWord } from './shell-model.ts';
import type { CommandSite } from './walk.ts';

export type Variables = ReadonlyMap<string, readonly ShellWord[]>;

/** `read -r a b` reads names; these options take a value first. */
const readValued = new Set(['-p', '-d', '-t', '-n', '-N', '-u', '-i']);

function readNames(site: CommandSite): string[] {
  const args = site.command.args;
  return args.filter((arg, index) => !arg.value.startsWith('-') && !readValued.has(args[index - 1]?.value ?? '')).map((arg) => arg.value);
}

export function variablesOf(script: ShellScript, sites: readonly CommandSite[]): Variables {
  const values = new Map<string, ShellWord[]>();
  const add = (name: string, word: ShellWord) => values.set(name, [...(values.get(name) ?? []), word]);
  for (const site of sites) {
    for (const assignment of site.command.assignments) if (assignment.value) add(assignment.name, assignment.value);
    if (site.command.name?.value === 'read' && site.input.length > 0)
      for (const name of readNames(site)) add(name, { ...textWord(site.input.join('\n'), site.command.line), literal: false });
  }
  for (const statement of everyStatement(script))
    if (statement.kind === 'for') for (const word of statement.words ?? []) add(statement.variable, word);
  return values;
}

/** Names a text expands: `$KEY`, `${KEY}`, `${KEY:-x}`, `${!KEY}`. */
export const referencedNames = (text: string) => [...text.matchAll(/\$\{?!?([A-Za-z_]\w*)/g)].map((match) => match[1]!);

/** The text, or a value of a variable it expands (at any depth), matches `pattern`. */
export function mayHold(text: string, pattern: RegExp, variables: Variables, seen: ReadonlySet<string> = new Set()): boolean {
  if (pattern.test(text)) return true;
  return referencedNames(text).some(
    (name) =>
      !seen.has(name) && (variables.get(name) ?? []).some((word) => mayHold(word.value, pattern, variables, new Set([...seen, name]))),
  );
}

/**
 * The values a word may have: itself when literal; when it is one variable
 * (`$APP`, `"${APP}"`), that variable's possible values; `undefined` among them
 * when one is not known before the script runs.
 */
export function possibleValues(word: ShellWord, variables: Variables, seen: ReadonlySet<string> = new Set()): (string | undefined)[] {
  if (word.literal) return [word.value];
  const only = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(word.value)?.[1];
  const assigned = only === undefined || seen.has(only) ? [] : (variables.get(only) ?? []);
  if (assigned.length === 0) return [undefined];
  return assigned.flatMap((value) => possibleValues(value, variables, new Set([...seen, only!])));
}
