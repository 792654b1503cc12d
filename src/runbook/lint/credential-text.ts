/**
 * Credentials written in text: a line of prose, of a config block, of a
 * here-document, or one word of a command (`psql "host=db password=x"`). Each
 * match names what it is (`password`, `requirepass`, a URL's password) without
 * repeating the value.
 */

/** Where a password is given inline; group 1 names it, group 2 is the value. */
const codePatterns: readonly RegExp[] = [
  /(?<![{$!#])\b(PGPASSWORD|[A-Z_]*PASSWORD|password|passwd|pwd)\s*[=:]\s*("[^"]*"|'[^']*'|\S+)/gi,
  /\b(requirepass|masterauth)\s+("[^"]*"|'[^']*'|\S+)/gi,
  /\bredis-cli\b[^|;&]*?\s(-a)\s+("[^"]*"|'[^']*'|\S+)/g,
];
/** `scheme://user:password@host`, the user possibly empty (`redis://:pw@cache`). */
const urlPassword = /:\/\/[^\s:/@]*(:)([^\s@/]+)@/g;
/** In prose only the unambiguous forms: `PASSWORD=value` (no spaces) and a password in a URL; "Password: in 1Password" is prose. */
const prosePatterns: readonly RegExp[] = [/\b([A-Z_]*PASSWORD|password)=("[^"]*"|'[^']*'|\S+)/gi, urlPassword];

export const urlPasswordName = ':';

/** Not a secret: a variable or command substitution ($PGPASSWORD, $(op read …)), a <placeholder>, a mask, or nothing. */
export function isReference(value: string): boolean {
  const bare = value.replace(/^["'`]|["'`,;]$/g, '');
  return bare === '' || /^(\$|<.*>$|\*+$|\[REDACTED\]$)/.test(bare);
}

function literalsOn(text: string, patterns: readonly RegExp[]): string[] {
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].filter((m) => !isReference(m[2] ?? '')).map((m) => m[1] ?? ''));
}

/** Names of the literal credentials in a line of code or config (a URL's password is named ':'). */
export const codeCredentials = (text: string) => literalsOn(text, [...codePatterns, urlPassword]);
export const proseCredentials = (text: string) => literalsOn(text, prosePatterns);
