/**
 * Credentials written in text: a line of prose, of a config block, of a
 * here-document, or one word of a command (`psql "host=db password=x"`,
 * `-H "Authorization: Bearer x"`, `?token=x`, `ALTER ROLE … PASSWORD 'x'`).
 * Each match names what it is (`password`, `requirepass`, a URL's password)
 * without repeating the value.
 */

/** Where a credential is given inline: group 1 names it (unless `name` does), group 2 is the value. */
interface TextPattern {
  readonly pattern: RegExp;
  readonly name?: string;
}

const value = String.raw`("[^"]*"|'[^']*'|[^\s"']+)`;
const sqlString = `(E?'[^']*'|"[^"]*")`;

const codePatterns: readonly TextPattern[] = [
  // `password: x` (YAML) and `password = x` (INI), not SQL's `PASSWORD :'var'` (a psql variable).
  { pattern: /(?<![{$!#])\b(PGPASSWORD|[A-Z_]*PASSWORD|password|passwd|pwd)(?:\s*=|:)\s*("[^"]*"|'[^']*'|\S+)/gi },
  { pattern: /\b(requirepass|masterauth)\s+("[^"]*"|'[^']*'|\S+)/gi },
  { pattern: /\bredis-cli\b[^|;&]*?\s(-a)\s+("[^"]*"|'[^']*'|\S+)/g },
  // HTTP headers (curl -H, wget --header, httpie `Name:value`, a proxy's config).
  { pattern: new RegExp(String.raw`\b((?:Proxy-)?Authorization)\s*:\s*(?:Bearer|Basic|Token|Bot|Digest|ApiKey)\s+${value}`, 'gi') },
  { pattern: new RegExp(String.raw`(?<![\w-])(X-[\w-]*(?:Key|Token|Secret|Auth)|API-Key|[A-Za-z]+-Token)\s*:\s*${value}`, 'gi') },
  // A URL's query string.
  { pattern: /[?&]([\w.-]*(?:token|api[_-]?key|apikey|secret|access[_-]?key|auth))=([^&#\s"']+)/gi },
  // SQL that sets a password: PostgreSQL's ALTER/CREATE ROLE/USER … PASSWORD '…', MySQL's IDENTIFIED BY '…'.
  { pattern: new RegExp(String.raw`\b(?:ALTER|CREATE)\s+(?:ROLE|USER)\b[^;]*?\b(PASSWORD)\s+${sqlString}`, 'gi') },
  { pattern: new RegExp(String.raw`\b(IDENTIFIED\s+(?:WITH\s+\S+\s+)?BY)\s+${sqlString}`, 'gi'), name: 'IDENTIFIED BY' },
];
/** `scheme://user:password@host`, the user possibly empty (`redis://:pw@cache`). */
const urlPassword: TextPattern = { pattern: /:\/\/[^\s:/@]*(:)([^\s@/]+)@/g };
/** Incoming webhooks (Slack, Discord): whoever has the URL can post as us; group 2 is its secret path. */
const webhookUrls: readonly TextPattern[] = [
  { pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)([^\s"']+)/gi, name: 'webhook URL' },
  { pattern: /(discord(?:app)?\.com\/api\/webhooks\/)([^\s"']+)/gi, name: 'webhook URL' },
];
/** In prose only the unambiguous forms: `PASSWORD=value` (no spaces), a password in a URL, a webhook URL; "Password: in 1Password" is prose. */
const prosePatterns: readonly TextPattern[] = [
  { pattern: /\b([A-Z_]*PASSWORD|password)=("[^"]*"|'[^']*'|\S+)/gi },
  urlPassword,
  ...webhookUrls,
];

export const urlPasswordName = ':';

/** Values that stand for a credential without being one: CHANGEME, your-token, TODO. */
const placeholder = /^(change[-_ ]?me|changeit|replace[-_ ]?me|redacted|todo|tbd|x{3,}|\.\.\.|…|your[-_].*)$/i;

/**
 * Not a secret: a variable or command substitution ($PGPASSWORD, $(op read …),
 * `${{ secrets.X }}`), a template (`{{ vault_x }}`, `{% … %}`), printf's slot
 * (`%s`), a <placeholder>, a mask, or nothing.
 */
export function isReference(text: string): boolean {
  const bare = text.replace(/^["'`]|["'`,;]$/g, '');
  return bare === '' || /^(\$|\{\{|\{%|%[sqbd]|<.*>$|\*+$|\[REDACTED\]$)/.test(bare) || placeholder.test(bare);
}

function literalsOn(text: string, patterns: readonly TextPattern[]): string[] {
  return patterns.flatMap(({ pattern, name }) =>
    [...text.matchAll(pattern)].filter((m) => !isReference(m[2] ?? '')).map((m) => name ?? m[1] ?? ''),
  );
}

/** Names of the literal credentials in a line of code or config (a URL's password is named ':'). */
export const codeCredentials = (text: string) => literalsOn(text, [...codePatterns, urlPassword, ...webhookUrls]);
export const proseCredentials = (text: string) => literalsOn(text, prosePatterns);
