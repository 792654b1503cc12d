/**
 * Literal credentials an awk command carries: a secret-named variable given
 * a literal value (`-v password=hunter2`, `-vPGPASSWORD=x`,
 * `--assign token=x`, or an operand `api_token=x` after the program), and
 * the commands its program runs (`system("mysql -phunter2 …")`,
 * `"cmd" | getline`, `print | "cmd"`), read as shell by the caller's finder.
 * Cheap by design: the program is not parsed as awk, only its string
 * literals handed to a shell.
 */
import { commandName } from '../shell/command-name.ts';
import { parseShell } from '../shell/parse-shell.ts';
import type { ShellScript, ShellWord, SimpleCommand } from '../shell/shell-model.ts';
import { isCredentialName } from './credential-names.ts';
import { isReference } from './credential-text.ts';
import type { Credential } from './shell-credentials.ts';

const awks = new Set(['awk', 'gawk', 'mawk', 'nawk']);
const assignment = /^([A-Za-z_]\w*)=(.*)$/s;
const string = '"((?:[^"\\\\]|\\\\.)*)"';
/** A string the program hands to a shell: system("…"), "…" | getline, print | "…". */
const shellString = new RegExp(`\\bsystem\\s*\\(\\s*${string}|${string}\\s*\\|\\s*getline|\\|\\s*${string}`, 'g');

/** The variable assignments and the program among an awk command's words. */
function readArguments(args: readonly ShellWord[]): { assignments: ShellWord[]; program: ShellWord | undefined } {
  const assignments: ShellWord[] = [];
  let program: ShellWord | undefined;
  let fromFile = false;
  for (let i = 0; i < args.length; i++) {
    const { value } = args[i]!;
    const glued = /^(?:-v|--assign=)(.+)$/s.exec(value)?.[1];
    if (value === '-v' || value === '--assign') args[i + 1] && assignments.push(args[++i]!);
    else if (glued !== undefined) assignments.push({ ...args[i]!, value: glued });
    else if (value === '-f' || value === '--file') [fromFile, i] = [true, i + 1];
    else if (value === '-F') i++;
    else if (value.startsWith('-') && program === undefined) continue;
    else if (program === undefined && !fromFile) program = args[i];
    else if (assignment.test(value)) assignments.push(args[i]!);
  }
  return { assignments, program };
}

function programScripts(program: ShellWord): ShellScript[] {
  return [...program.value.matchAll(shellString)].map((match) => {
    const source = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
    return parseShell(source, program.line + (program.value.slice(0, match.index).match(/\n/g)?.length ?? 0), true);
  });
}

export function awkCredentials(command: SimpleCommand, inScript: (script: ShellScript) => Credential[]): Credential[] {
  if (!awks.has(commandName(command))) return [];
  const { assignments, program } = readArguments(command.args);
  const named = assignments.flatMap((word) => {
    const [, name = '', value = ''] = assignment.exec(word.value) ?? [];
    return isCredentialName(name) && !isReference(value) ? [{ line: word.line, name }] : [];
  });
  return [...named, ...(program ? programScripts(program).flatMap(inScript) : [])];
}
