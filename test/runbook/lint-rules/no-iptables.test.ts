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
    ['a policy set in a cluster', 'iptables -wP INPUT DROP', 4],
    ['a flush named in full', 'iptables --flush', 4],
    ['through sudo -iu', 'sudo -iu root iptables -F', 4],
    ['piped to a shell', 'echo "iptables -F" | sudo sh', 4],
    ['in a here-document run by sudo bash', "sudo bash <<'EOF'\niptables -I INPUT -j DROP\nEOF", 5],
    ['ebtables', 'sudo ebtables -A INPUT -j DROP', 4],
    ['arptables', 'arptables -F', 4],
    ['nft adding a rule', 'sudo nft add rule inet filter input tcp dport 5432 accept', 4],
    ['nft flushing the ruleset', 'sudo nft flush ruleset', 4],
    ['nft with the command in one word', "nft 'delete rule inet filter input handle 4'", 4],
    ['nft loading a file', 'nft -f /etc/nftables.conf', 4],
    ['firewall-cmd opening a port', 'sudo firewall-cmd --add-port=5432/tcp', 4],
    ['firewall-cmd, permanent, in a zone', 'firewall-cmd --permanent --zone=public --add-service=postgresql', 4],
    ['firewall-cmd --reload', 'firewall-cmd --reload', 4],
    ['firewall-offline-cmd', 'firewall-offline-cmd --remove-port=22/tcp', 4],
  ];
  for (const [spelling, code, line] of raw) it(`flags ${spelling}`, () => expect(flaggedLines(rule, code)).toEqual([line]));

  it('names the command and the ufw spelling to use', () =>
    expect(inBlock(rule, 'sudo ip6tables -A INPUT -j ACCEPT')).toEqual([
      '4 raw ip6tables command; use ufw (`ufw allow from <bastion> to any port <port> proto tcp`)',
    ]));

  it('passes read-only listings, dumps and checks', () => {
    expect(
      inBlock(
        rule,
        [
          'sudo iptables -L -n -v',
          'iptables -nvL INPUT --line-numbers',
          'iptables -t nat -S',
          'ip6tables --list-rules',
          'iptables -C INPUT -s 10.0.0.1 -j ACCEPT || echo missing',
          'sudo iptables-save | grep 5432',
          'iptables-restore --test < /etc/iptables/rules.v4',
          'ebtables -L',
          'nft list ruleset',
          'nft -a list chain inet filter input',
          'nft -c -f /etc/nftables.conf',
          'nft --version',
          'firewall-cmd --list-all',
          'firewall-cmd --state',
          'firewall-cmd --zone=public --query-port=5432/tcp',
          'firewall-cmd --permanent --list-services',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

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
