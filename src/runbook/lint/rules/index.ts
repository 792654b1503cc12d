/** The registry: every lint rule, in the order their findings are listed for one line. Add a rule here and it runs. */
import { alertThresholds } from './alert-thresholds.ts';
import { guardedRateGateReset } from './guarded-rate-gate-reset.ts';
import { healthCheckFailFast } from './health-check-fail-fast.ts';
import { noIptables } from './no-iptables.ts';
import { noLiteralCredentials } from './no-literal-credentials.ts';
import { noPm2RestartAll } from './no-pm2-restart-all.ts';
import { prometheusRulesLoad } from './prometheus-rules-load.ts';
import { recoveryTargets } from './recovery-targets.ts';
import { redisCliPort } from './redis-cli-port.ts';
import { routableContacts } from './routable-contacts.ts';
import { shellcheck } from './shellcheck.ts';
import { shellSyntax } from './shell-syntax.ts';
import { stepsExercised } from './steps-exercised.ts';
import { versionHeader } from './version-header.ts';

export const lintRules = [
  versionHeader,
  routableContacts,
  shellSyntax,
  healthCheckFailFast,
  redisCliPort,
  guardedRateGateReset,
  noPm2RestartAll,
  noIptables,
  noLiteralCredentials,
  shellcheck,
  alertThresholds,
  prometheusRulesLoad,
  recoveryTargets,
  stepsExercised,
] as const;

export type LintRuleId = (typeof lintRules)[number]['id'];
