import { codeLines } from '../code-lines.ts';
import { defineRule, type RuleFinding } from '../rule.ts';

/** A command that deletes rate-gate state in Redis. */
const resetsRateGate = /\b(DEL|UNLINK)\b[^|;&]*\brategate:/i;
/** Asking the exchange whether it is blocking us. */
const probesExchange = /\bcurl\b.*(EXCHANGE|exchange|\/ping)/;
/** A condition on the exchange's blocking answers: 429 (throttled) or 418 (banned). */
const blockingCondition = /^\s*(if|elif|case|\[\[?|while)\b.*\b(418|429)\b|\b(418|429)\b.*\)\s*$/;

export const guardedRateGateReset = defineRule({
  id: 'guarded-rate-gate-reset',
  description:
    'The rate-gate reset runs only after checking that the exchange is blocking (HTTP 418/429); resetting a healthy gate hides a quota leak',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    for (const block of runbook.blocks) {
      const lines = codeLines(block);
      lines.forEach(({ text, line }, index) => {
        if (!resetsRateGate.test(text)) return;
        const before = lines.slice(0, index).map((l) => l.text);
        if (before.some((t) => probesExchange.test(t)) && before.some((t) => blockingCondition.test(t))) return;
        findings.push({
          ruleId: this.id,
          line,
          message:
            'rate-gate reset without a guard: first ask the exchange (curl "$EXCHANGE_URL/api/v1/ping") and reset only if it answers 418 or 429',
        });
      });
    }
    return findings;
  },
});
