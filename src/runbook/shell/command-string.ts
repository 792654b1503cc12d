/** A string of shell one command hands to another shell: a `-c` argument, ssh's remote command, a script read from standard input. */
import type { KnownInput } from './known-input.ts';
import type { ShellWord } from './shell-model.ts';

export interface CommandString {
  readonly via: string;
  readonly source: string;
  readonly line: number;
  /** Read from standard input (a here-document, a pipe): the shell it reaches has no other input to pass on. */
  readonly fromInput: boolean;
  /** Every line of it is `line` (KnownInput's oneLine). */
  readonly oneLine?: boolean;
}

/** Words joined with spaces, as ssh, pdsh and `bash -c` hand them on. */
export function stringOfWords(via: string, words: readonly ShellWord[]): CommandString | null {
  const first = words[0];
  return first ? { via, source: words.map((word) => word.value).join(' '), line: first.line, fromInput: false } : null;
}

export function stringOfInput(via: string, input: KnownInput | null): CommandString | null {
  return input ? { via, source: input.source, line: input.line, fromInput: true, oneLine: input.oneLine } : null;
}
