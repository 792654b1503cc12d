/**
 * Text known before the script runs that reaches a command's standard input:
 * a here-document or here-string (`bash <<'EOF'`, `sudo su - ats <<EOF`), or
 * what an `echo`/`printf` before it in a pipeline prints (`echo '…' | sh`).
 * A shell that reads its script from standard input runs this text.
 */
import type { Redirect } from './shell-model.ts';

export interface KnownInput {
  readonly source: string;
  /** The runbook line the text starts on. */
  readonly line: number;
  /** Its newlines were made on that one line (`printf 'a\nb\n'`, `echo -e`): every line of it is that line. */
  readonly oneLine?: boolean;
}

/** The input a command's own redirects give it, or null. */
export function redirectedInput(redirects: readonly Redirect[]): KnownInput | null {
  for (const redirect of redirects) {
    if (redirect.hereDoc) return { source: redirect.hereDoc.body, line: redirect.hereDoc.line };
    if (redirect.op === '<<<' && redirect.target) return { source: redirect.target.value, line: redirect.target.line };
  }
  return null;
}

/** Its redirects choose its standard input (a file, a here-document): a pipe into it reaches nothing. */
export const readsOwnInput = (redirects: readonly Redirect[]) => redirects.some((redirect) => redirect.op.startsWith('<'));
