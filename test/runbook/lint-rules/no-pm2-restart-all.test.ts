import { describe, expect, it } from 'vitest';
import { findings, fence, flaggedLines, inBlock } from './findings.ts';

const rule = 'no-pm2-restart-all';
const flagged = (code: string) => flaggedLines(rule, code);

describe('no-pm2-restart-all flags every spelling that restarts every service', () => {
  const dangerous: [string, string, number | number[]][] = [
    ['restart all', 'pm2 restart all', 4],
    ['reload all', 'pm2 reload all --update-env', 4],
    ['start all', 'pm2 start all', 4],
    ['an ecosystem file', 'cd /srv/ats\npm2 restart ecosystem.config.js', 5],
    ['a JSON ecosystem with its env', 'pm2 reload --env production /srv/ats/ecosystem.json', 4],
    ['startOrRestart', 'pm2 startOrRestart ecosystem.config.cjs', 4],
    ['start of an ecosystem (restarts the running apps)', 'pm2 start ecosystem.yml', 4],
    ['a regex', 'pm2 restart /.*/', 4],
    ['a variable the block never sets', 'pm2 restart "$APP"', 4],
    ['a variable the block sets to all', 'target=all\npm2 reload "$target"', 5],
    ['names appended by xargs', "pm2 jlist | jq -r '.[].name' | xargs pm2 restart", 4],
    ['through sudo', 'sudo -u ats PM2_HOME=/home/ats/.pm2 pm2 restart all', 4],
    ['through ssh', "ssh app-1 'pm2 restart all'", 4],
    ['through bash -c', 'bash -c "pm2 reload all"', 4],
    ['through npx', 'npx pm2 restart all', 4],
    ['spaced out, on continuation lines', 'pm2 \\\n  restart \\\n  all', 4],
    ['stop all', 'pm2 stop all', 4],
    ['delete all (del)', 'pm2 del all', 4],
    ['stop of an ecosystem file without --only', 'pm2 stop ecosystem.config.js', 4],
    ['a variable the block sets to all, stopped', 'APPS=all\npm2 delete $APPS', 5],
    ['resurrect (starts everything pm2 save kept)', 'pm2 resurrect', 4],
    ['kill, then resurrect', 'pm2 kill && pm2 resurrect', [4, 4]],
    ['update (saves, kills and resurrects)', 'pm2 update', 4],
    ['through sudo -iu', 'sudo -iu ats pm2 restart all', 4],
    ['through runuser', 'runuser -u ats -- pm2 restart all', 4],
    ['in a here-document run by sudo bash', "sudo -u ats bash <<'EOF'\npm2 restart all\nEOF", 5],
    ['in a here-document run by ssh bash -s', "ssh app01 bash -s <<'EOF'\ncd /srv/ats\npm2 stop all\nEOF", 6],
    ['piped to a shell', "echo 'pm2 restart all' | sudo -u ats sh", 4],
    [
      'through sshpass and ssh, whatever gives the password',
      [
        'sshpass -p "$PW" ssh ops@host \'pm2 restart all\'',
        'sshpass -e ssh host -- sudo pm2 restart all',
        'sshpass -f ~/.pw ssh host pm2 reload all',
        'sshpass -d 3 -v ssh host "pm2 restart all"',
        "sshpass -P assword -e ssh -p 2222 host 'pm2 restart all'",
        "sshpass -eSSHPASS_APP ssh host 'pm2 restart all'",
        "sudo sshpass -e ssh host 'pm2 restart all'",
      ].join('\n'),
      [4, 5, 6, 7, 8, 9, 10],
    ],
    [
      'on every host: pdsh, parallel-ssh, ansible',
      "pdsh -w app[01-04] pm2 restart all\nparallel-ssh -h hosts 'pm2 restart all'\nansible all -m shell -a 'pm2 restart all'",
      [4, 5, 6],
    ],
  ];
  for (const [spelling, code, line] of dangerous) it(spelling, () => expect(flagged(code)).toEqual([line].flat()));

  it('says what stopping, kill and resurrect do and what to write', () => {
    expect(inBlock(rule, 'pm2 stop all\npm2 kill\npm2 resurrect')).toEqual([
      '4 `pm2 stop all` stops every service at once (the exchange session and the log pipeline too); use `pm2 stop <name>` for the one service',
      '5 `pm2 kill` stops the PM2 daemon and every service with it (the exchange session and the log pipeline too); use `pm2 stop <name>` for the one service',
      '6 `pm2 resurrect` starts again every process `pm2 save` kept, all at once, as they were saved (nothing of a changed ecosystem file applied); start them one at a time: `pm2 start ecosystem.json --only <name>`',
    ]);
  });

  it('says what each one does and what to write', () => {
    expect(inBlock(rule, 'pm2 restart all\npm2 restart ecosystem.config.js\npm2 reload "$APP"')).toEqual([
      '4 `pm2 restart all` restarts every service at once; use `pm2 reload <name>` for the one service (all at once: every service it names down together, and nothing of a changed ecosystem file applied; see "Applying an ecosystem change" in the runbook)',
      '5 `pm2 restart ecosystem.config.js` restarts every app in the ecosystem file at once; add `--only <name>` for the one service (all at once: every service it names down together, and nothing of a changed ecosystem file applied; see "Applying an ecosystem change" in the runbook)',
      '6 `pm2 reload "$APP"` may be `all`: nothing in the block sets it; use `pm2 reload <name>` for the one service, or set it in the block (`for app in order-gateway risk; do pm2 reload "$app"; done`) (all at once: every service it names down together, and nothing of a changed ecosystem file applied; see "Applying an ecosystem change" in the runbook)',
    ]);
  });
});

describe('no-pm2-restart-all passes one service at a time', () => {
  it('by name, id, --only, a variable the block sets, names a loop reads to stop, and commands that restart nothing', () => {
    expect(
      inBlock(
        rule,
        [
          'pm2 reload order-gateway',
          'pm2 restart 0 1',
          'pm2 restart ecosystem.config.js --only order-gateway',
          'pm2 startOrReload ecosystem.config.js --only=risk',
          'for app in order-gateway risk; do pm2 reload "$app"; done',
          'pm2 start app.js --name market-data',
          'pm2 stop order-gateway',
          'pm2 delete 3',
          'pm2 jlist | jq -r \'.[].name\' | while read -r running; do pm2 delete "$running"; done',
          'pm2 save',
          'pm2 logs all --lines 100 --nostream',
          'pm2 describe order-gateway',
          "sshpass -e ssh host 'pm2 restart ats-gateway'",
          'sshpass -f ~/.pw ssh -p 2222 host -- pm2 reload order-gateway',
          'sshpass -V',
          'echo "never pm2 restart all"',
          '# pm2 restart all',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('and a warning in prose', () =>
    expect(findings(rule, `# R\n\nNever run \`pm2 restart all\`.\n\n${fence('bash', 'pm2 reload order-gateway')}`)).toEqual([]));
});
