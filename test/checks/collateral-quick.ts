/**
 * Collateral damage must fail a drill: a fix that also ends the gateway's
 * healthy pool (collateral-damage-pool-sessions), or restarts every service
 * (collateral-damage-restart-all), restores service all the same. Each runs
 * its scenario quickened so: the alerts are the gate's to prove, here they
 * would only delay the remediation; a 1 s drain.
 */
import { acknowledgedOrdersIntegrity } from '../../src/index.ts';

export const quickForCollateral = { alerts: { fire: [], quiet: [] }, integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }) };
