/**
 * Whether a variable's name says it holds a credential: PGPASSWORD, DB_PASS,
 * REDISCLI_AUTH, X_API_KEY, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY,
 * EXCHANGE_PRIVATE_KEY, SLACK_WEBHOOK_URL, apiKey. Not one that says where a
 * credential is or something about it (TOKEN_FILE, VAULT_TOKEN_PATH,
 * PASSWORD_POLICY), nor PWD (the working directory).
 */

/** Words that make the name a credential's wherever they stand. */
const anywhere = new Set(['password', 'passwd', 'secret', 'token', 'apikey', 'privatekey']);
/** Words that do so only last: DB_PASS, PG_PW, REDISCLI_AUTH (AUTH_METHOD is a setting). */
const onlyLast = new Set(['pass', 'pw', 'pwd', 'auth']);
/** A last word that makes the name about a credential, not the credential. */
const about = new Set(
  'file path dir name id ttl url uri arn ref env var header hint prompt policy length len type mode timeout expiry expires user username required enabled count source'.split(
    ' ',
  ),
);

/** The lower-case words of a name: `AWS_SECRET_ACCESS_KEY`, `apiKey`, `api-key`. */
const wordsOf = (name: string) =>
  name
    .split(/[_-]|(?<=[a-z0-9])(?=[A-Z])/)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');

export function isCredentialName(name: string): boolean {
  if (/^(OLD)?PWD$/.test(name)) return false;
  const words = wordsOf(name);
  const last = words.at(-1) ?? '';
  // Whoever has a webhook's URL can post as us: SLACK_WEBHOOK_URL is the secret itself.
  if (words.includes('webhook')) return true;
  if (about.has(last)) return false;
  const pairs = words.slice(1).map((word, index) => `${words[index]}${word}`);
  return onlyLast.has(last) || [...words, ...pairs].some((word) => anywhere.has(word) || /pass(word|wd)/.test(word));
}
