import { describe, expect, it } from 'vitest';
import { fence, findings, inBlock } from './findings.ts';

const rule = 'no-literal-credentials';
/** "line (name)" of each finding. */
const named = (code: string, info = 'bash') =>
  inBlock(rule, code, info).map((finding) => finding.replace(/^(\d+) literal credential \((.*?)\);.*$/, '$1 $2'));

describe('no-literal-credentials flags literal credentials however a command carries them', () => {
  const literal: [string, string, string][] = [
    ['a prefix assignment', 'PGPASSWORD=hunter2 psql -c "select 1"', '4 PGPASSWORD'],
    ['an export', 'export REDISCLI_AUTH=foobared', '4 REDISCLI_AUTH'],
    ['an export after a line of assignments', 'a=1 b=2\nexport DB_PASS="s3cret"', '5 DB_PASS'],
    ['a local in a function', 'f() {\n  local api_key=abc123\n}', '5 api_key'],
    ['declare -x', 'declare -x GITHUB_TOKEN=ghp_x', '4 GITHUB_TOKEN'],
    ['--password=', 'pgbackrest --stanza=ats --password=hunter2 check', '4 --password'],
    ['--password and its value', 'mongo --username admin --password hunter2', '4 --password'],
    ['redis-cli -a', 'redis-cli -p 6379 -a foobared ping', '4 -a'],
    ['redis-cli --pass', 'redis-cli -p 6379 --user ops --pass foobared ping', '4 --pass'],
    ['curl -u user:password', 'curl -sSf -u admin:admin "$PROMETHEUS_URL/api/v1/rules"', '4 -u'],
    ['a URL with a password', 'psql "postgres://postgres:postgres@127.0.0.1/ats"', '4 password in a URL'],
    ['a Redis URL with no user', 'redis-cli -u redis://:foobared@cache:6379 ping', '4 password in a URL'],
    ['a libpq conninfo', 'psql "host=db user=ats password=hunter2"', '4 password'],
    ['Redis AUTH', 'redis-cli -p 1 AUTH ops foobared', '4 AUTH'],
    ['CONFIG SET requirepass', 'redis-cli -p 1 CONFIG SET requirepass foobared', '4 requirepass'],
    ['a here-document', 'cat > /etc/ats/db.env <<EOF\nDB_HOST=db\nPGPASSWORD=hunter2\nEOF', '6 PGPASSWORD'],
    ['a here-document to redis-cli', 'redis-cli -p 1 <<EOF\nCONFIG SET masterauth foobared\nEOF', '5 masterauth'],
    ['through ssh', 'ssh db-1 \'PGPASSWORD=hunter2 psql -c "select 1"\'', '4 PGPASSWORD'],
    ['through bash -c, at its own line', 'bash -c "\n  export PGPASSWORD=hunter2\n  psql\n"', '5 PGPASSWORD'],
    ['through sudo env', 'sudo env PGPASSWORD=hunter2 psql', '4 PGPASSWORD'],
  ];
  for (const [spelling, code, expected] of literal) it(spelling, () => expect(named(code)).toEqual([expected]));

  it('never repeats the value', () => {
    const all = inBlock(rule, 'export PGPASSWORD=hunter2\nredis-cli -u redis://:foobared@cache:6379 ping\ncurl -u admin:s3cret x');
    expect(all).toHaveLength(3);
    expect(all.join('\n')).not.toMatch(/hunter2|foobared|s3cret/);
  });

  it('reads a block that does not parse line by line', () => expect(named('export PGPASSWORD=hunter2\nif then')).toEqual(['4 PGPASSWORD']));
});

describe('no-literal-credentials passes references, placeholders and names that are not credentials', () => {
  it('in commands', () => {
    expect(
      named(
        [
          'export PGPASSWORD="$(op read \'op://trading/pg/password\')"',
          'PGPASSWORD=$PGADMIN_PASSWORD psql -c "select 1"',
          'redis-cli -p "$REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning ping',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell, not a template
          'REDISCLI_AUTH="${REDIS_PASSWORD:?}" redis-cli -p 1 ping',
          'psql "postgres://ats:<password>@db/ats"',
          'curl -sSf -u "admin:$ADMIN_PW" x',
          'curl -sSf -u admin x',
          'pgbackrest --password="$PW" check',
          'redis-cli -p 1 AUTH "$REDIS_PASSWORD"',
          'PWD=/srv/ats make',
          'KEY=rategate:mock:bucket',
          'password=***',
          'echo "no password here"',
          'cat > f <<EOF\nPGPASSWORD=$PGPASSWORD\nEOF',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('in config blocks and prose, read as text', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a config placeholder, not a template
    const markdown = `# R\n\nThe password: from 1Password.\n\n${fence('conf', 'requirepass ${REDIS_PASSWORD}')}${fence('conf', 'masterauth foobared')}`;
    expect(findings(rule, markdown)).toEqual([expect.stringMatching(/^9 literal credential \(masterauth\)/)]);
  });
});
