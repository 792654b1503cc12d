import type { ShellWord } from '../shell/shell-model.ts';

/** curl's short options that take a value: in a cluster, what follows one is its value (`-wf` writes "f"), at its end the next word is. */
const valuedLetters = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz');

/** What a short-option cluster says: it asks to fail, and whether the next word is its value. */
function cluster(word: string): { fails: boolean; takesNext: boolean } {
  const letters = word.slice(1);
  for (let index = 0; index < letters.length; index++) {
    const letter = letters[index]!;
    if (letter === 'f') return { fails: true, takesNext: false };
    if (valuedLetters.has(letter)) return { fails: false, takesNext: index === letters.length - 1 };
  }
  return { fails: false, takesNext: false };
}

/** curl fails on an HTTP error status: --fail, --fail-with-body, or f in a short-option cluster that is not another option's value. */
export function curlFails(args: readonly ShellWord[]): boolean {
  for (let index = 0; index < args.length; index++) {
    const value = args[index]!.value;
    if (value === '--fail' || value === '--fail-with-body') return true;
    if (!/^-[a-zA-Z]+$/.test(value)) continue;
    const { fails, takesNext } = cluster(value);
    if (fails) return true;
    if (takesNext) index++;
  }
  return false;
}
