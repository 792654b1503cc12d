/**
 * curl's options as curl reads them (the getopt way: `-uadmin:pw`, `-sSu
 * admin:pw`, `-wf` writes "f"), options after the URLs included. Which
 * options take a value: curl(1).
 */
import { type GivenOption, readOptions } from '../shell/read-options.ts';
import type { ShellWord } from '../shell/shell-model.ts';

const valuedLetters = [...'AbcCdDeEFHKmoPQrtTuUwxXyYz'].map((letter) => `-${letter}`);
const valuedLong =
  '--user --proxy-user --header --proxy-header --oauth2-bearer --data --data-raw --data-binary --data-urlencode --data-ascii --json --form --form-string --request --output --write-out --max-time --connect-timeout --retry --retry-delay --retry-max-time --cacert --capath --cert --key --pass --config --cookie --cookie-jar --user-agent --referer --url --resolve --connect-to --proxy --interface --limit-rate --range --upload-file --dump-header --trace --trace-ascii --stderr --unix-socket --aws-sigv4 --netrc-file --max-filesize --noproxy --pinnedpubkey --variable --local-port --expect100-timeout --keepalive-time --continue-at --quote --time-cond --max-redirs --speed-limit --speed-time --ciphers --tls-max --login-options --sasl-authzid --service-name --delegation --krb --url-query'.split(
    ' ',
  );
const curlValued = [...valuedLetters, ...valuedLong];

/** Every option given to curl, in order; operands (the URLs) are skipped. */
export const curlOptions = (args: readonly ShellWord[]): GivenOption[] => readOptions(args, curlValued, true).options;
