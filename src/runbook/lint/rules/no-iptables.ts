/**
 * Firewall changes go through ufw, never the packet filter's own tools:
 * iptables, ip6tables, ebtables, arptables (and their -restore, -legacy and
 * -nft forms), nft and firewall-cmd, wherever they run (sudo, ssh, bash -c,
 * a here-document or pipe into a shell, xargs). Listings and dumps change
 * nothing and pass (firewall-change.ts); words that only mention a tool
 * (`echo "not iptables"`, a comment, prose) are not commands.
 */
import { commandName } from '../../shell/command-name.ts';
import { changesFirewall } from '../firewall-change.ts';
import { defineRule } from '../rule.ts';
import { siteFindings } from '../site-findings.ts';

export const noIptables = defineRule({
  id: 'no-iptables',
  description:
    'Firewall changes use ufw, not raw iptables, nft or firewall-cmd rules (one wrong rule locks out the bastion); listings pass',
  severity: 'error',
  check(runbook) {
    return siteFindings(runbook, this.id, ({ command }) =>
      changesFirewall(commandName(command), command.args)
        ? `raw ${commandName(command)} command; use ufw (\`ufw allow from <bastion> to any port <port> proto tcp\`)`
        : null,
    );
  },
});
