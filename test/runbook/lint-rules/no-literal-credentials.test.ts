import { describe, expect, it } from 'vitest';
import { fence, findings, inBlock } from './findings.ts';

const rule = 'no-literal-credentials';
/** "line (name)" of each finding. */
const named = (code: string, info = 'bash') =>
  inBlock(rule, code, info).map((finding) => finding.replace(/^(\d+) literal credential \((.*?)\);.*$/, '$1 $2'));
/** None of these lines, in one shell block, is flagged. */
const passes = (lines: string[]) => expect(named(lines.join('\n'))).toEqual([]);

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
    ['CONFIG SET on every node of a cluster', 'redis-cli --cluster call redis-1:7000 CONFIG SET masterauth foobared', '4 masterauth'],
    ['a here-document', 'cat > /etc/ats/db.env <<EOF\nDB_HOST=db\nPGPASSWORD=hunter2\nEOF', '6 PGPASSWORD'],
    ['a here-document to redis-cli', 'redis-cli -p 1 <<EOF\nCONFIG SET masterauth foobared\nEOF', '5 masterauth'],
    ['through ssh', 'ssh db-1 \'PGPASSWORD=hunter2 psql -c "select 1"\'', '4 PGPASSWORD'],
    ['through bash -c, at its own line', 'bash -c "\n  export PGPASSWORD=hunter2\n  psql\n"', '5 PGPASSWORD'],
    ['through sudo env', 'sudo env PGPASSWORD=hunter2 psql', '4 PGPASSWORD'],
    ['mysql -p with the password glued on', 'mysql -u root -phunter2 -e "show processlist"', '4 -p'],
    ['mariadb-dump -p glued', 'mariadb-dump -psecret trading > t.sql', '4 -p'],
    ['curl -u glued', 'curl -sSf -uadmin:hunter2 x', '4 -u'],
    ['curl -u in a cluster', 'curl -sSu admin:hunter2 x', '4 -u'],
    ['curl --oauth2-bearer', 'curl -sSf --oauth2-bearer eyJhbGciOi.eyJzdWIi.sig x', '4 --oauth2-bearer'],
    ['a Bearer header', 'curl -sSf -H "Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln" x', '4 Authorization'],
    ['a Basic header to wget', "wget --header='Authorization: Basic YWRtaW46aHVudGVyMg==' x", '4 Authorization'],
    ['an API key header to httpie', 'http GET x X-API-Key:9f8e7d6c5b4a3928', '4 X-API-Key'],
    ['a token in a query string', 'curl -sSf "$LOG_URL/flush?token=9f8e7d6c5b4a3928"', '4 token'],
    ['an API key in a query string', 'curl -sSf "$EX_URL/account?recvWindow=5&apiKey=9f8e7d6c&signature=abc"', '4 apiKey'],
    ['an OAuth access token in a query string', 'wget -qO- "https://api.example.com/v1/me?access_token=ya29.a0AfH6"', '4 access_token'],
    ['an exported secret access key', 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY', '4 AWS_SECRET_ACCESS_KEY'],
    ['an exported private key', 'export EXCHANGE_PRIVATE_KEY=0x4c0883a69102937d6231471b5dbb6204fe512961', '4 EXCHANGE_PRIVATE_KEY'],
    ['an exported webhook URL', 'export SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXXXXXX', '4 SLACK_WEBHOOK_URL'],
    [
      'a Slack webhook URL used directly',
      'curl -sSf -d \'{"text":"x"}\' https://hooks.slack.com/services/T000/B000/XXXXXXXX',
      '4 webhook URL',
    ],
    ['ALTER ROLE … PASSWORD in psql -c', 'psql -X -c "ALTER ROLE ats PASSWORD \'hunter2\'"', '4 PASSWORD'],
    [
      'CREATE USER … WITH PASSWORD in a here-document',
      "psql -X <<'SQL'\nCREATE USER ops WITH LOGIN PASSWORD 'hunter2';\nSQL",
      '5 PASSWORD',
    ],
    ['MySQL IDENTIFIED BY', "mysql -e \"ALTER USER 'ops'@'%' IDENTIFIED BY 'hunter2'\"", '4 IDENTIFIED BY'],
    ['a line appended to .pgpass', "echo 'db01:5432:*:ats:hunter2' >> ~/.pgpass", '4 .pgpass'],
    ['a .pgpass written by a here-document', "cat > ~/.pgpass <<'EOF'\ndb01:5432:trading:ats:hunter2\nEOF", '5 .pgpass'],
    ['a .pgpass line through tee', "printf '%s\\n' 'db01:5432:*:ats:hunter2' | tee -a \"$PGPASSFILE\"", '4 .pgpass'],
    ['sshpass -p', 'sshpass -p hunter2 ssh ops@db01 uptime', '4 -p'],
    ['sshpass -p glued', 'sshpass -phunter2 ssh ops@db01 uptime', '4 -p'],
    ['a password piped to sudo -S', "echo 'hunter2' | sudo -S systemctl restart redis", '4 sudo -S'],
    ['a password in a here-string to sudo --stdin', 'sudo --stdin -u ats true <<< hunter2', '4 sudo --stdin'],
    [
      'a password piped to docker login',
      'printf hunter2 | docker login -u ops --password-stdin registry.example.com',
      '4 docker --password-stdin',
    ],
    ['a user:password piped to chpasswd', "echo 'ops:hunter2' | sudo chpasswd", '4 chpasswd'],
    ['a password piped through ssh to sudo -S', "echo hunter2 | ssh app-1 'sudo -S systemctl restart nginx'", '4 sudo -S'],
    ['a password here-stringed through ssh to sudo -S', "ssh app-1 'sudo -S true' <<< 'hunter2'", '4 sudo -S'],
    ['a password through sshpass and ssh to sudo -S', "printf '%s\\n' hunter2 | sshpass -e ssh app-1 sudo -S true", '4 sudo -S'],
    ['a password through bash -c to sudo -S after a cd', "echo hunter2 | bash -c 'cd /srv/ats && sudo -S make install'", '4 sudo -S'],
    ['a password in a process substitution read by sudo -S', "sudo -S systemctl restart redis < <(echo 'hunter2')", '4 sudo -S'],
    ['a password printf-ed into a process substitution, through ssh', "ssh app-1 'sudo -S true' < <(printf '%s\\n' hunter2)", '4 sudo -S'],
    ['a .pgpass written from a process substitution', "tee -a ~/.pgpass < <(echo 'db01:5432:*:ats:hunter2')", '4 .pgpass'],
    ['sed writing a literal', 'sed -i \'s/^requirepass .*/requirepass hunter2/\' "$REDIS_CONF"', '4 requirepass'],
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
  it('in commands', () =>
    passes([
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
    ]));

  it('in options that prompt or read the password from elsewhere', () =>
    passes([
      'psql --no-password -h "$PGHOST" -c "select 1"',
      'psql -w -h "$PGHOST" -c "select 1"',
      'psql --password -h "$PGHOST" -U "$PGADMIN_USER" -c "select 1"',
      'psql --password trading',
      'pg_dump -W -h "$PGHOST" trading',
      'mysql -u root -p -e "show processlist"',
      'mysql --password trading',
      'redis-cli --askpass -p "$REDIS_PORT" ping',
      'redis-cli --askpass ping',
      'ansible-playbook --ask-become-pass site.yml',
      'pg_basebackup --password-file=/etc/ats/replicator.pw -D /tmp/base',
      'sshpass -f /etc/ats/ssh.pw ssh ops@db01 uptime',
      'sshpass -e ssh ops@db01 uptime',
      'sshpass -eSSHPASS_APP ssh ops@db01 uptime',
      'sshpass -d 3 ssh ops@db01 uptime',
    ]));

  it('in patterns that search for credentials, and in a rotation that writes a variable', () =>
    passes([
      "grep -E 'password=[^&]+' /var/log/nginx/access.log | head",
      'grep -c requirepass "$REDIS_CONF"',
      "rg -n 'token=\\w+' /var/log/ats",
      "zgrep -h 'Authorization: Bearer [A-Za-z0-9._-]+' /var/log/nginx/access.log.*.gz",
      "awk '/password=/ { print FILENAME }' /etc/ats/*.env",
      'sed -i "s/^requirepass .*/requirepass $NEW_REDIS_PASSWORD/" "$REDIS_CONF"',
      "sed -n '/^password=/p' /etc/ats/db.env",
    ]));

  it('in headers, query strings, SQL, .pgpass and input given by reference', () =>
    passes([
      'curl -sSf -H "Authorization: Bearer $(cat "$GATEWAY_ADMIN_TOKEN_FILE")" x',
      'curl -sSf -H "Authorization: Bearer $TOKEN" -H "X-Client-Id: ats-gateway" x',
      'curl -sSf -H @/etc/ats/auth-header x',
      'curl -sSf -H @<(printf \'Authorization: Bearer %s\\n\' "$(cat "$token_file")") x',
      'curl -sSf "$LOG_URL/flush?token=$LOG_TOKEN"',
      'curl -sSf "$URL/search?q=token&page=2"',
      'psql -X -c "ALTER ROLE ats PASSWORD NULL"',
      'psql -X -v pw="$NEW_PW" -c "ALTER ROLE ats PASSWORD :\'pw\'"',
      "psql <<EOF\nALTER ROLE ats PASSWORD '$NEW_PW';\nEOF",
      'echo "db01:5432:*:ats:$PGPASSWORD" >> ~/.pgpass',
      'chmod 600 ~/.pgpass',
      'echo "$SUDO_PW" | sudo -S true',
      'echo "$SUDO_PW" | ssh app-1 \'sudo -S true\'',
      "ssh app-1 'sudo -S true' < /run/secrets/sudo",
      'sudo -S true < <(echo "$SUDO_PW")',
      "sudo -S true < <(op read 'op://trading/sudo/password')",
      "echo hunter2 | ssh app-1 'sudo -S true < /run/secrets/sudo'",
      "ssh app-1 <<'EOF'\nsudo -S true\nEOF",
      "echo hunter2 | ssh app-1 'sudo true'",
      "op read 'op://trading/registry/token' | docker login -u ops --password-stdin registry.example.com",
      'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE TOKEN_FILE=/etc/ats/token VAULT_TOKEN_PATH=/run/vault',
      'export EXCHANGE_API_SECRET=CHANGEME',
    ]));

  it('in templates and placeholders of config blocks', () => {
    for (const value of [
      '"{{ vault_db_password }}"',
      '{{ vault_db_password }}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      '${{ secrets.DB_PASSWORD }}',
      'CHANGEME',
      '<password>',
      '"***"',
    ])
      expect(named(`db:\n  password: ${value}`, 'yaml'), value).toEqual([]);
  });

  it('in config blocks and prose, read as text', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a config placeholder, not a template
    const markdown = `# R\n\nThe password: from 1Password.\n\n${fence('conf', 'requirepass ${REDIS_PASSWORD}')}${fence('conf', 'masterauth foobared')}`;
    expect(findings(rule, markdown)).toEqual([expect.stringMatching(/^9 literal credential \(masterauth\)/)]);
  });
});
