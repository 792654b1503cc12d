import type { ShellWord } from '../shell/shell-model.ts';
import { curlOptions } from './curl-options.ts';

const failing = new Set(['-f', '--fail', '--fail-with-body']);
const notFailing = new Set(['--no-fail', '--no-fail-with-body']);

/** curl fails on an HTTP error status: --fail, --fail-with-body or -f (not another option's value), not undone by a later --no-fail. */
export function curlFails(args: readonly ShellWord[]): boolean {
  let fails = false;
  for (const { name } of curlOptions(args)) {
    if (failing.has(name)) fails = true;
    else if (notFailing.has(name)) fails = false;
  }
  return fails;
}
