import { describe, expect, it } from 'vitest';
import { fence, findings, flaggedLines, inBlock } from './findings.ts';

const rule = 'no-iptables';

describe('no-iptables', () => {
  const raw: [string, string, number][] = [
    ['sudo iptables', 'sudo iptables -A INPUT -p tcp --dport 5432 -j ACCEPT', 4],
    ['ip6tables by path', '/usr/sbin/ip6tables -I INPUT -j DROP', 4],
    ['iptables-restore from a file', 'echo restoring\niptables-restore < /etc/iptables/rules.v4', 5],
    ['iptables-legacy', 'iptables-legacy -F', 4],
    ['through ssh', "ssh bastion 'sudo iptables -F'", 4],
    ['through bash -c', 'bash -c "iptables -P INPUT DROP"', 4],
    ['through xargs', 'echo 10.0.0.1 | xargs -I{} iptables -A INPUT -s {} -j ACCEPT', 4],
  ];
  for (const [spelling, code, line] of raw) it(`flags ${spelling}`, () => expect(flaggedLines(rule, code)).toEqual([line]));

  it('names the command and the ufw spelling to use', () =>
    expect(inBlock(rule, 'sudo ip6tables -A INPUT -j ACCEPT')).toEqual([
      '4 raw ip6tables command; use ufw (`ufw allow from <bastion> to any port <port> proto tcp`)',
    ]));

  it('passes ufw, and iptables only mentioned', () => {
    expect(
      inBlock(
        rule,
        'sudo ufw allow from 10.0.0.1 to any port 5432 proto tcp\necho "no iptables here"\n# iptables -F\ngrep iptables /var/log/syslog',
      ),
    ).toEqual([]);
    expect(findings(rule, `# R\n\nUse ufw, not iptables.\n\n${fence('bash', 'sudo ufw status')}`)).toEqual([]);
  });
});
