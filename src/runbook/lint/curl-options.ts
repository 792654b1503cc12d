/**
 * curl's options as curl reads them: a short-option cluster's letters are
 * flags until one that takes a value, which takes the rest of the cluster
 * (`-uadmin:pw`, `-wf` writes "f") or, at its end, the next word (`-sSu
 * admin:pw`); a long option that takes a value takes the next word. Which
 * options take one: curl(1).
 */
import type { ShellWord } from '../shell/shell-model.ts';

const valuedLetters = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz');
const valuedLong = new Set(
  '--user --proxy-user --header --proxy-header --oauth2-bearer --data --data-raw --data-binary --data-urlencode --data-ascii --json --form --form-string --request --output --write-out --max-time --connect-timeout --retry --retry-delay --retry-max-time --cacert --capath --cert --key --pass --config --cookie --cookie-jar --user-agent --referer --url --resolve --connect-to --proxy --interface --limit-rate --range --upload-file --dump-header --trace --trace-ascii --stderr --unix-socket --aws-sigv4 --netrc-file --max-filesize --noproxy --pinnedpubkey --variable --local-port --expect100-timeout --keepalive-time --continue-at --quote --time-cond --max-redirs --speed-limit --speed-time --ciphers --tls-max --login-options --sasl-authzid --service-name --delegation --krb --url-query'.split(
    ' ',
  ),
);

export interface CurlOption {
  /** `-u`, `--user`: a cluster gives one per letter. */
  readonly name: string;
  /** Null for a flag. */
  readonly value: string | null;
  readonly word: ShellWord;
}

function shortOptions(words: readonly ShellWord[], index: number): { options: CurlOption[]; next: number } {
  const word = words[index]!;
  const options: CurlOption[] = [];
  for (let at = 1; at < word.value.length; at++) {
    const name = `-${word.value[at]}`;
    if (!valuedLetters.has(word.value[at]!)) {
      options.push({ name, value: null, word });
      continue;
    }
    const glued = word.value.slice(at + 1);
    if (glued) return { options: [...options, { name, value: glued, word }], next: index + 1 };
    return { options: [...options, { name, value: words[index + 1]?.value ?? null, word }], next: index + 2 };
  }
  return { options, next: index + 1 };
}

/** Every option given to curl, in order; operands (the URLs) are skipped. */
export function curlOptions(args: readonly ShellWord[]): CurlOption[] {
  const options: CurlOption[] = [];
  let index = 0;
  while (index < args.length) {
    const word = args[index]!;
    if (/^-[a-zA-Z0-9#:]+$/.test(word.value)) {
      const found = shortOptions(args, index);
      options.push(...found.options);
      index = found.next;
    } else if (word.value.startsWith('--') && word.value.length > 2) {
      const valued = valuedLong.has(word.value);
      options.push({ name: word.value, value: valued ? (args[index + 1]?.value ?? null) : null, word });
      index += valued ? 2 : 1;
    } else index++;
  }
  return options;
}
