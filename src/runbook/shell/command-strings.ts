/**
 * Commands that run a string of shell: `bash -c '…'`, `sh -ec "…"`, `su - ats
 * -c '…'`, `runuser -l ats -c '…'`, `watch -n1 '…'`, and the remote runners
 * (remote-commands.ts). A shell with no command string (`bash`, `bash -s`,
 * `su - ats`) reads its script from standard input: a here-document, a
 * here-string or an `echo '…' |` before it (known-input.ts) is that script.
 */
import { type CommandString, stringOfInput, stringOfWords } from './command-string.ts';
import type { KnownInput } from './known-input.ts';
import { readOptions } from './read-options.ts';
import { remoteString } from './remote-commands.ts';
import type { ShellWord } from './shell-model.ts';

const shells = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'ash', 'mksh']);
/** su's and runuser's options that take a value (su(1), runuser(1)). */
const suValued = '-c --command --session-command -g --group -G --supp-group -s --shell -w --whitelist-environment -u --user'.split(' ');

/** `bash [options] -c 'script'`: the script is the first word after the option cluster holding `c`; `-s` or no operand reads standard input. */
function shellString(via: string, args: readonly ShellWord[], input: KnownInput | null): CommandString | null {
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!.value;
    if (/^[-+]o$/.test(word)) index++;
    else if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(word)) return stringOfWords(`${via} -c`, args.slice(index + 1, index + 2));
    else if (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(word))
      break; // the words after it are the script's arguments
    else if (!/^[-+]/.test(word)) return null; // a script file: not read here
  }
  return stringOfInput(via, input);
}

/**
 * `su [-] [user] -c '…'` (options may follow the user), and runuser in su's
 * manner; without -c they run the user's shell on standard input. `runuser -u
 * user cmd` runs a command of words instead (wrappers.ts).
 */
function userShellString(via: string, args: readonly ShellWord[], input: KnownInput | null): CommandString | null {
  const { options } = readOptions(args, suValued, true);
  const command = options.filter((option) => /^(-c|--command|--session-command)$/.test(option.name)).at(-1);
  if (command) return stringOfWords(`${via} -c`, command.value ? [command.value] : []);
  if (options.some((option) => option.name === '-u' || option.name === '--user')) return null;
  return stringOfInput(via, input);
}

/** The shell a command runs as a string, or null when it runs none. */
export function commandString(name: string, args: readonly ShellWord[], input: KnownInput | null): CommandString | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (shells.has(base)) return shellString(base, args, input);
  if (base === 'su' || base === 'runuser') return userShellString(base, args, input);
  if (base === 'watch') {
    const first = args.findIndex((arg, index) => !arg.value.startsWith('-') && !/^(-n|--interval)$/.test(args[index - 1]?.value ?? ''));
    return first >= 0 ? stringOfWords('watch', args.slice(first)) : null;
  }
  return remoteString(base, args, input);
}
