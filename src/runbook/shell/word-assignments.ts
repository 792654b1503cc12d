import { textWord } from './read-word.ts';
import type { Assignment, ShellWord } from './shell-model.ts';

/** The `NAME=value` words among a command's words (`env X=1 cmd`, `local a=b` read as a command), as assignments. */
export function assignmentsInWords(words: readonly ShellWord[]): Assignment[] {
  return words.flatMap((word) => {
    const match = /^([A-Za-z_]\w*)\+?=(.*)$/s.exec(word.value);
    return match ? [{ name: match[1]!, value: textWord(match[2]!, word.line, word), line: word.line }] : [];
  });
}
