/**
 * Commands that run a string of shell: `bash -c '…'`, `sh -ec "…"`,
 * `su - ats -c '…'`, `watch -n1 '…'`, `ssh host '…'` and `ssh host -- cmd
 * args` (ssh joins the words with spaces for the remote shell). A shell or
 * ssh with no command string reads its script from standard input: a
 * here-document or here-string (`ssh host <<'EOF'`) is that script.
 */
import type { Redirect, ShellWord } from './shell-model.ts';

const shells = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh', 'ash', 'mksh']);
/** ssh's options that take a value (ssh(1)); every other letter is a flag. */
const sshValued = new Set('BbcDEeFIiJLlmOoPpQRSWw');

export interface CommandString {
  readonly via: string;
  readonly source: string;
  readonly line: number;
}

function fromWords(via: string, words: readonly ShellWord[]): CommandString | null {
  const first = words[0];
  return first ? { via, source: words.map((word) => word.value).join(' '), line: first.line } : null;
}

function fromInput(via: string, redirects: readonly Redirect[]): CommandString | null {
  for (const redirect of redirects) {
    if (redirect.hereDoc) return { via, source: redirect.hereDoc.body, line: redirect.hereDoc.line };
    if (redirect.op === '<<<' && redirect.target) return { via, source: redirect.target.value, line: redirect.target.line };
  }
  return null;
}

/** `bash [options] -c 'script'`: the script is the first word after the option cluster holding `c`. */
function shellString(via: string, args: readonly ShellWord[], redirects: readonly Redirect[]): CommandString | null {
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!.value;
    if (/^[-+]o$/.test(word)) index++;
    else if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(word)) return fromWords(`${via} -c`, args.slice(index + 1, index + 2));
    else if (!/^[-+]/.test(word)) return null; // a script file: not read here
  }
  return fromInput(via, redirects);
}

function sshString(args: readonly ShellWord[], redirects: readonly Redirect[]): CommandString | null {
  let index = 0;
  for (; index < args.length; index++) {
    const word = args[index]!.value;
    if (word === '--') {
      index++;
      break;
    }
    if (!word.startsWith('-')) break;
    const letters = [...word.slice(1)];
    // A valued letter last takes the next word; one inside the cluster has its value glued on (-oBatchMode=yes).
    if (letters.findIndex((letter) => sshValued.has(letter)) === letters.length - 1) index++;
  }
  const command = args.slice(index + 1);
  if (command[0]?.value === '--') return fromWords('ssh', command.slice(1));
  return command.length > 0 ? fromWords('ssh', command) : fromInput('ssh', redirects);
}

function optionString(via: string, args: readonly ShellWord[], options: readonly string[]): CommandString | null {
  const index = args.findIndex((arg) => options.includes(arg.value));
  const glued = args.find((arg) => options.some((option) => option.startsWith('--') && arg.value.startsWith(`${option}=`)));
  if (glued) return { via, source: glued.value.slice(glued.value.indexOf('=') + 1), line: glued.line };
  return index >= 0 ? fromWords(via, args.slice(index + 1, index + 2)) : null;
}

/** The shell a command runs as a string, or null when it runs none. */
export function commandString(name: string, args: readonly ShellWord[], redirects: readonly Redirect[]): CommandString | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (shells.has(base)) return shellString(base, args, redirects);
  if (base === 'ssh') return sshString(args, redirects);
  if (base === 'su') return optionString('su -c', args, ['-c', '--command']);
  if (base === 'watch') {
    const first = args.findIndex((arg, index) => !arg.value.startsWith('-') && !/^(-n|--interval)$/.test(args[index - 1]?.value ?? ''));
    return first >= 0 ? fromWords('watch', args.slice(first)) : null;
  }
  return null;
}
