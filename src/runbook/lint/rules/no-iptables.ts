/**
 * Firewall changes go through ufw, never raw iptables: a command named
 * iptables, ip6tables or one of their -save/-restore/-legacy/-nft forms,
 * wherever it runs (sudo, ssh, bash -c, xargs). Words that only mention it
 * (`echo "not iptables"`, a comment, prose) are not commands.
 */
import { commandName } from '../../shell/command-name.ts';
import { defineRule } from '../rule.ts';
import { siteFindings } from '../site-findings.ts';

const iptables = /^ip6?tables(-(restore|save|legacy|nft)(-(restore|save))?)?$/;

export const noIptables = defineRule({
  id: 'no-iptables',
  description: 'Firewall changes use ufw, not raw iptables rules (one wrong rule locks out the bastion)',
  severity: 'error',
  check(runbook) {
    return siteFindings(runbook, this.id, ({ command }) =>
      iptables.test(commandName(command))
        ? `raw ${commandName(command)} command; use ufw (\`ufw allow from <bastion> to any port <port> proto tcp\`)`
        : null,
    );
  },
});
