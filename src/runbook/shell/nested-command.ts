/**
 * The command a command runs: a wrapper's argument list (`sudo pm2 restart
 * all` runs `pm2 restart all`) or a shell string (`ssh host 'redis-cli
 * flushall'`, `bash <<'EOF'`), as a script of its own at the runbook lines it
 * was written on. Wrappers nest: `sudo timeout 5 redis-cli …` is three
 * commands deep. Standard input passes through them: in `sudo -u ats bash
 * <<'EOF'` and `ssh host bash -s <<'EOF'` the here-document is bash's script.
 */
import type { CommandString } from './command-string.ts';
import { commandString } from './command-strings.ts';
import { type KnownInput, readsOwnInput } from './known-input.ts';
import type { Assignment, Nested, ShellScript, ShellWord, SimpleCommand, Statement } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';
import { assignmentsInWords } from './word-assignments.ts';
import { afterOptions, wrapperOf } from './wrappers.ts';

/** A command made of words another command was given. */
function commandOfWords(
  words: readonly ShellWord[],
  assignments: Assignment[],
  input: KnownInput | null,
  reader: TreeReader,
): SimpleCommand {
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
    nested: name ? nestedCommand(name, args, input, reader) : null,
  };
}

/** The statement with what it runs worked out again, now that `input` reaches it (a pipe, a wrapper's here-document). */
export function withInput(statement: Statement, input: KnownInput, reader: TreeReader): Statement {
  if (statement.kind !== 'command' || !statement.name || readsOwnInput(statement.redirects)) return statement;
  const nested = nestedCommand(statement.name, statement.args, input, reader);
  return nested ? { ...statement, nested } : statement;
}

/** A command string's script; its first statement reads the input of the command that runs it (`ssh host bash -s <<'EOF'`). */
function stringScript(string: CommandString, input: KnownInput | null, reader: TreeReader): ShellScript {
  const script = reader.script(string.source, string.line, string.oneLine);
  const [first, ...rest] = script.statements;
  if (!input || string.fromInput || !first) return script;
  return { ...script, statements: [withInput(first, input, reader), ...rest] };
}

export function nestedCommand(name: ShellWord, args: readonly ShellWord[], input: KnownInput | null, reader: TreeReader): Nested | null {
  if (!name.literal) return null;
  const string = commandString(name.value, args, input);
  if (string)
    return {
      via: string.via,
      script: stringScript(string, input, reader),
      argumentsFromInput: false,
      fromString: true,
      fromInput: string.fromInput,
    };
  const wrapper = wrapperOf(name.value, args);
  const options = wrapper && afterOptions(wrapper.rest, wrapper.spec);
  if (!wrapper || !options) return null;
  const words = wrapper.rest.slice(options.start + (wrapper.spec.operands ?? 0));
  const assignments = wrapper.spec.assignments ? assignmentsInWords(wrapper.rest.slice(0, options.start)) : [];
  const passed = wrapper.spec.argumentsFromInput ? null : input; // xargs reads its input as arguments
  if (words.length === 0) {
    const shell = options.options.some((option) => wrapper.spec.shell?.includes(option.name));
    if (!shell || !input) return null;
    return {
      via: wrapper.via,
      script: reader.script(input.source, input.line, input.oneLine),
      argumentsFromInput: false,
      fromString: true,
      fromInput: true,
    };
  }
  return {
    via: wrapper.via,
    script: { statements: [commandOfWords(words, assignments, passed, reader)], problems: [] },
    argumentsFromInput: wrapper.spec.argumentsFromInput ?? false,
    fromString: false,
    fromInput: false,
  };
}
