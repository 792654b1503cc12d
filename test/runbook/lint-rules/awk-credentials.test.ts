import { describe, expect, it } from 'vitest';
import { inBlock } from './findings.ts';

const rule = 'no-literal-credentials';
const named = (name: string) =>
  `literal credential (${name}); read it from the secret manager, e.g. "$(op read 'op://…')", or reference a variable`;

describe('no-literal-credentials reads awk commands', () => {
  it('flags a secret-named variable given a literal, however awk is given it', () => {
    for (const [code, name] of [
      ["awk -v password=hunter2 'BEGIN { print password }'", 'password'],
      ["awk -v PGPASSWORD=x 'BEGIN { print 1 }'", 'PGPASSWORD'],
      ["gawk -vpw=hunter2 'BEGIN { print pw }'", 'pw'],
      ["awk --assign=api_token=abc123 'BEGIN { print 1 }'", 'api_token'],
      ["awk -F: '{ print $1 }' db_pass=hunter2 /etc/hosts", 'db_pass'],
      ["sudo -u ats mawk -v secret='s3cr3t' -f report.awk log.txt", 'secret'],
    ])
      expect(inBlock(rule, code!), code).toEqual([`4 ${named(name!)}`]);
  });

  it('flags a credential in a command the program runs', () => {
    expect(inBlock(rule, `awk 'BEGIN { system("mysql -u root -phunter2 -e \\"select 1\\"") }'`)).toEqual([`4 ${named('-p')}`]);
    expect(inBlock(rule, `awk '{ print | "sshpass -p hunter2 ssh ops@db cat" }' hosts`)).toEqual([
      expect.stringContaining('literal credential'),
    ]);
  });

  it('passes variables, names that are not secrets, and programs that name no literal', () => {
    for (const code of [
      'awk -v password="$PGPASSWORD" \'BEGIN { print 1 }\'',
      'awk -v lag="$lag" \'BEGIN { exit !(lag < 30) }\'',
      "awk -v password_file=/etc/ats/pw 'BEGIN { print 1 }'",
      "awk -v user=ats -v n=3 '$3 > n { print }' log.txt",
      'awk \'BEGIN { system("mysql -u root -p\\"$MYSQL_PWD\\" -e ok") }\'',
      'awk -F \'=\' \'$1 == "password" { print "set" }\' app.conf',
    ])
      expect(inBlock(rule, code), code).toEqual([]);
  });
});
