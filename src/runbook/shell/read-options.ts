/**
 * Options read the getopt way, as sudo, su, ssh and their kind read them:
 * `-u ats`, `-uats`, a cluster of letters whose last takes the next word
 * (`-iu ats`, `-Hu ats`) or has its value glued on (`-lcpm2`), `--user ats`,
 * `--user=ats`. Which options take a value is the caller's list; every other
 * one is a flag.
 */
import { textWord } from './read-word.ts';
import type { ShellWord } from './shell-model.ts';

export interface GivenOption {
  /** `-u`, `--user`: a cluster gives one per letter. */
  readonly name: string;
  readonly value: ShellWord | null;
  /** The word the option is written in (a cluster's letters share it). */
  readonly word: ShellWord;
}

/** The options the word at `index` holds (with the next word when the last takes it), and where the next word is; null when it is not an option. */
export function optionsAt(
  words: readonly ShellWord[],
  index: number,
  valued: readonly string[],
): { options: GivenOption[]; next: number } | null {
  const word = words[index];
  if (!word?.value.startsWith('-') || word.value === '-' || word.value === '--') return null;
  if (word.value.startsWith('--')) {
    const equals = word.value.indexOf('=');
    if (equals > 0)
      return {
        options: [{ name: word.value.slice(0, equals), value: textWord(word.value.slice(equals + 1), word.line, word), word }],
        next: index + 1,
      };
    if (!valued.includes(word.value)) return { options: [{ name: word.value, value: null, word }], next: index + 1 };
    return { options: [{ name: word.value, value: words[index + 1] ?? null, word }], next: index + 2 };
  }
  const options: GivenOption[] = [];
  for (let at = 1; at < word.value.length; at++) {
    const name = `-${word.value[at]}`;
    if (!valued.includes(name)) {
      options.push({ name, value: null, word });
      continue;
    }
    const glued = word.value.slice(at + 1);
    if (glued) return { options: [...options, { name, value: textWord(glued, word.line, word), word }], next: index + 1 };
    return { options: [...options, { name, value: words[index + 1] ?? null, word }], next: index + 2 };
  }
  return { options, next: index + 1 };
}

/**
 * The options before the first operand (or `--`), and where the operands
 * start. With `permute`, options after operands count too (GNU getopt: `su -
 * ats -c '…'`); then `operands` are the words left, in order.
 */
export function readOptions(
  words: readonly ShellWord[],
  valued: readonly string[],
  permute = false,
): { options: GivenOption[]; operands: ShellWord[]; start: number } {
  const options: GivenOption[] = [];
  const operands: ShellWord[] = [];
  let index = 0;
  while (index < words.length) {
    if (words[index]!.value === '--') return { options, operands: [...operands, ...words.slice(index + 1)], start: index + 1 };
    const found = optionsAt(words, index, valued);
    if (found) {
      options.push(...found.options);
      index = found.next;
    } else if (permute) operands.push(words[index++]!);
    else break;
  }
  return { options, operands: [...operands, ...words.slice(index)], start: Math.min(index, words.length) };
}
