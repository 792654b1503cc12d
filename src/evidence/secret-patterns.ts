/**
 * What looks like a secret whatever its value: credentials a step prints or a
 * message quotes that firedrill did not generate and so cannot know. Each
 * pattern keeps what says what it was (the name, the scheme, the user) and
 * replaces only the secret. A value that is a shell reference (`$PGPASSWORD`,
 * `${TOKEN}`, `$(op read …)`) is not a secret and stays, so commands still
 * read as written.
 */
export interface SecretPattern {
  readonly name: string;
  readonly pattern: RegExp;
  /** The replacement for one match; `mark` is the redaction mark. */
  readonly replace: (mark: string, ...groups: string[]) => string;
}

/** Names that say their value is secret: `PGPASSWORD`, `API_TOKEN`, `client_secret`, `x-api-key`, `AWS_SECRET_ACCESS_KEY`. */
export const secretNamePattern =
  /(?:passw(?:or)?d|passphrase|secret(?:[_-]?access)?(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)$/i;

const isReference = (value: string) => /^\$(?:\{|\(|[A-Za-z_])/.test(value);
const unlessReference = (mark: string, value: string) => (isReference(value) ? value : mark);

export const secretPatterns: readonly SecretPattern[] = [
  {
    name: 'private key block',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
    replace: (mark) => mark,
  },
  {
    name: 'password in a URL (scheme://user:password@host)',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]+:)([^\s@/'"]+)@/gi,
    replace: (mark, prefix, password) => `${prefix}${unlessReference(mark, password!)}@`,
  },
  {
    name: 'Authorization header',
    pattern: /\b((?:proxy-)?authorization["']?\s*[:=]\s*(?:(?:basic|bearer|token|digest|negotiate)\s+)?)([^\r\n'"]+)/gi,
    replace: (mark, prefix, value) => `${prefix}${unlessReference(mark, value!)}`,
  },
  {
    name: 'bearer token',
    pattern: /\b(bearer\s+)([A-Za-z0-9\-._~+/]+=*)/gi,
    replace: (mark, prefix, value) => `${prefix}${unlessReference(mark, value!)}`,
  },
  {
    name: 'provider key (Stripe sk_live_…, GitHub ghp_…, Slack xox…-, AWS AKIA…)',
    pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g,
    replace: (mark) => mark,
  },
  {
    name: 'assignment to a secret name (PGPASSWORD=…, token=…, "api_key": "…")',
    pattern:
      /\b([\w.-]*(?:passw(?:or)?d|passphrase|secret(?:[_-]?access)?(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)["']?\s*[:=]\s*)("[^"\r\n]*"|'[^'\r\n]*'|[^\s"'&,;]+)/gi,
    replace: (mark, prefix, value) => {
      const quote = value!.startsWith('"') || value!.startsWith("'") ? value![0]! : '';
      const inner = quote ? value!.slice(1, -1) : value!;
      return `${prefix}${quote}${unlessReference(mark, inner)}${quote}`;
    },
  },
];
