import { describe, expect, it } from 'vitest';
import { environmentSecrets, secretVariableValues } from '../../src/evidence/environment-secrets.ts';
import { redact, redactDeep } from '../../src/evidence/redact.ts';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('PGPASSWORD=s3cretpw psql; echo s3cretpw', ['s3cretpw'])).toBe('PGPASSWORD=[REDACTED] psql; echo [REDACTED]');
  });
  it('ignores secrets too short to be meaningful', () => {
    expect(redact('a b c', ['a'])).toBe('a b c');
  });
  it('replaces a secret that contains another whole', () => {
    expect(redact('key abcd-efgh', ['abcd', 'abcd-efgh'])).toBe('key [REDACTED]');
  });

  it.each([
    ['token=…', 'curl "$URL?token=9f8e7d6c5b4a" -o out', 'curl "$URL?token=[REDACTED]" -o out'],
    ['access_token in a query', 'GET /cb?code=1&access_token=abc.def.ghi&x=2', 'GET /cb?code=1&access_token=[REDACTED]&x=2'],
    ['sk_live_…', 'charging with sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'charging with [REDACTED]'],
    ['a GitHub token', 'pushed with ghp_abcdefghijklmnopqrstuvwxyz0123', 'pushed with [REDACTED]'],
    ['Authorization: Bearer', 'Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig', 'Authorization: Bearer [REDACTED]'],
    [
      'Authorization: Basic in a header arg',
      `curl -H 'Authorization: Basic dXNlcjpwYXNz' $URL`,
      `curl -H 'Authorization: Basic [REDACTED]' $URL`,
    ],
    ['a bare bearer token', 'sent bearer abc123def456', 'sent bearer [REDACTED]'],
    ['postgres://user:pass@', 'psql postgres://ats:hunter2@127.0.0.1:5432/ats', 'psql postgres://ats:[REDACTED]@127.0.0.1:5432/ats'],
    ['redis://:pass@', 'redis://default:p4ss@localhost', 'redis://default:[REDACTED]@localhost'],
    ['*_PASSWORD=', 'DB_PASSWORD=hunter2 ./start', 'DB_PASSWORD=[REDACTED] ./start'],
    ['PGPASSWORD= (no underscore)', 'PGPASSWORD=hunter2 psql', 'PGPASSWORD=[REDACTED] psql'],
    ['*_TOKEN="…"', 'export API_TOKEN="tok en"', 'export API_TOKEN="[REDACTED]"'],
    ['*_SECRET=', "CLIENT_SECRET='s'", "CLIENT_SECRET='[REDACTED]'"],
    ['AWS_SECRET_ACCESS_KEY=', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'AWS_SECRET_ACCESS_KEY=[REDACTED]'],
    ['JSON "password": "…"', '{"user":"ats","password":"hunter2"}', '{"user":"ats","password":"[REDACTED]"}'],
    ['YAML password: …', 'password: hunter2', 'password: [REDACTED]'],
    ['--password=…', 'tool --password=hunter2 --verbose', 'tool --password=[REDACTED] --verbose'],
    ['a private key block', 'k\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nend', 'k\n[REDACTED]\nend'],
  ])('by pattern: %s', (_, text, expected) => {
    expect(redact(text, [])).toBe(expected);
  });

  it.each([
    ['a shell reference stays: commands read as written', 'export PGPASSWORD="$(op read \'op://trading/pw\')"'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell ${…} reference
    ['${VAR} in an assignment', 'PGPASSWORD=${PGPASSWORD} psql'],
    ['$VAR in a URL', 'psql "postgres://ats:$PGPASSWORD@127.0.0.1/ats"'],
    ['$VAR after Bearer', 'curl -H "Authorization: Bearer $TOKEN" $URL'],
    ['words that only contain a secret name', 'tokens=5 refill_tokens: 3 password authentication failed for user "ats"'],
    ['the rate gate', 'rate-gate: 0 strikes, 20 tokens'],
  ])('leaves alone %s', (_, text) => {
    expect(redact(text, [])).toBe(text);
  });
});

describe('redactDeep', () => {
  it('redacts every string at any depth and leaves the rest as it was', () => {
    const value = { a: 'pw=abcdefgh', n: 3, ok: true, none: null, list: ['x abcdefgh', { deep: 'token=xyz123' }] };
    expect(redactDeep(value, ['abcdefgh'])).toEqual({
      a: 'pw=[REDACTED]',
      n: 3,
      ok: true,
      none: null,
      list: ['x [REDACTED]', { deep: 'token=[REDACTED]' }],
    });
  });
});

describe('environment secrets', () => {
  it('are the declared ones and the value of every variable whose name says it is secret', () => {
    const variables = {
      PGPASSWORD: 'pg-password-1',
      PGADMIN_PASSWORD: 'admin-password-2',
      SLACK_TOKEN: 'slack-token-3',
      CLIENT_SECRET: 'client-secret-4',
      STRIPE_API_KEY: 'stripe-key-5',
      PGUSER: 'ats',
      REDIS_PORT: '6379',
      EMPTY_TOKEN: '',
    };
    expect(secretVariableValues(variables)).toEqual([
      'pg-password-1',
      'admin-password-2',
      'slack-token-3',
      'client-secret-4',
      'stripe-key-5',
    ]);
    expect(environmentSecrets({ secrets: () => ['pg-password-1', 'generated-6'], variables: () => variables })).toEqual([
      'pg-password-1',
      'generated-6',
      'admin-password-2',
      'slack-token-3',
      'client-secret-4',
      'stripe-key-5',
    ]);
  });
});
