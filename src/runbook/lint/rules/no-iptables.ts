import { allCodeLines } from '../code-lines.ts';
import { defineRule } from '../rule.ts';

export const noIptables = defineRule({
  id: 'no-iptables',
  description: 'Firewall changes use ufw, not raw iptables rules (one wrong rule locks out the bastion)',
  severity: 'error',
  check(runbook) {
    return allCodeLines(runbook)
      .filter(({ text }) => /\bip6?tables(-restore|-save)?\b/.test(text))
      .map(({ line }) => ({
        ruleId: this.id,
        line,
        message: 'raw iptables command; use ufw (`ufw allow from <bastion> to any port <port> proto tcp`)',
      }));
  },
});
