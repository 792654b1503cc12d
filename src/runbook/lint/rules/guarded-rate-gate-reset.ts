/**
 * Every command that resets the rate gate (deletes, expires, overwrites or
 * flushes its Redis state: rate-gate-reset.ts) runs only under a guard that
 * asked the exchange itself, not our gateway, whether it is blocking us and found 418 or 429
 * (exchange-guard.ts). Read on the parse tree, so spelling does not matter:
 * lower case, continuation lines, pipelines into xargs, keys held in
 * variables, FLUSHDB/FLUSHALL, EVAL, commands run through `ssh host '…'`,
 * `bash -c '…'` or a function are all judged by what they do.
 */
import { defineRule } from '../rule.ts';
import { asksExchangeIfBlocking } from '../exchange-guard.ts';
import { rateGateReset } from '../rate-gate-reset.ts';
import { siteFindings } from '../site-findings.ts';

const fix =
  'first ask the exchange (code=$(curl -s -o /dev/null -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping")) and reset only under `if [ "$code" = 418 ] || [ "$code" = 429 ]; then …; fi`';

export const guardedRateGateReset = defineRule({
  id: 'guarded-rate-gate-reset',
  description:
    'The rate-gate reset (any DEL/UNLINK/EXPIRE/SET/HSET/HDEL/ZREM/RENAME/PERSIST/FLUSH/EVAL of its Redis state, or a SCAN glob broad enough to match it) runs only after asking the exchange whether it is blocking (HTTP 418/429); resetting a healthy gate hides a quota leak',
  severity: 'error',
  check(runbook) {
    return siteFindings(runbook, this.id, (site, { variables }) => {
      const reset = rateGateReset(site, variables);
      if (!reset || site.guards.some((guard) => asksExchangeIfBlocking(guard, variables))) return null;
      return `rate-gate reset without a guard (${reset}): ${fix}`;
    });
  },
});
