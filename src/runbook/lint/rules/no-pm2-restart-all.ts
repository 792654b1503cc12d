import { allCodeLines } from '../code-lines.ts';
import { defineRule } from '../rule.ts';

export const noPm2RestartAll = defineRule({
  id: 'no-pm2-restart-all',
  description: 'No `pm2 restart all`: it restarts every service at once and can double-spawn a process after a config change',
  severity: 'error',
  check(runbook) {
    return allCodeLines(runbook)
      .filter(({ text }) => /\bpm2\s+restart\s+all\b/.test(text))
      .map(({ line }) => ({
        ruleId: this.id,
        line,
        message:
          '`pm2 restart all` restarts every service at once and can double-spawn after a config change; use `pm2 reload <name>` for the one service',
      }));
  },
});
