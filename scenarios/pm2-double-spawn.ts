import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  negativeControl,
  noDuplicateSubmissions,
  not,
  ordersAcknowledged,
  ordersFilled,
  pm2RunsAsDeclared,
  pm2Version,
  renamePm2App,
  type ServiceName,
} from '../src/index.ts';

const gateway = 'order-gateway' satisfies ServiceName;
/** The release's new name for the gateway's PM2 app. */
export const renamedGateway = 'ats-order-gateway';

/** Long enough to see a copy that crash-loops on a taken port come and go (PM2 restarts it every 250 ms here). */
const asDeclared = pm2RunsAsDeclared(gateway, { windowMs: 2_000 });

/**
 * Runbook "PM2 process crash" → "Applying an ecosystem change": delete every
 * PM2 app running the gateway, start it as the ecosystem names it. Afterwards
 * exactly the declared processes, and no other service restarted.
 */
export const applyEcosystemStep = {
  id: 'pm2.apply-ecosystem',
  postcondition: { probe: asDeclared, withinMs: 10_000 },
  touches: { services: [gateway] satisfies ServiceName[] },
};

export default defineScenario({
  id: 'pm2-double-spawn',
  title: "A release renames the gateway's PM2 app while orders flow",
  description:
    'The QA report says `pm2 restart all` double-spawns after a config change. Measured with PM2 7.0.4 (the installed one) ' +
    "on this gateway, counting its OS processes in /proc (not in PM2's list): `pm2 restart all` never spawned a second " +
    'gateway, whatever the change (instances 1→2, fork→cluster, a rename): it restarts what PM2 runs and applies nothing ' +
    'of the file, so the change is silently not applied. The double spawn comes from applying a renamed app with ' +
    '`pm2 start`/`startOrReload <ecosystem>`: PM2 keys apps by name and leaves the old one running. In cluster mode both ' +
    'copies share the port and stay up (2 gateway processes, two dispatchers; `pm2 restart all` afterwards restarts both, ' +
    'still 2; over 20 s at 17 orders/s the two sent no order twice, their claims kept apart by SKIP LOCKED); in fork mode, as here, the copy cannot bind the port and PM2 restarts it in a loop (1 stable process plus ' +
    'one coming and going). `pm2 reload <name>` applies nothing either; only delete and start applies a rename, an ' +
    'instance count or a mode. So: rename the gateway app in the ecosystem file (order-gateway → ats-order-gateway) while ' +
    "orders flow; the drift (PM2 not running what the file declares, in one look) is detected within 5 s; the runbook's " +
    'pm2.apply-ecosystem must leave exactly one gateway process, as ats-order-gateway, the same over 2 s, restart no ' +
    'other service, and restore order flow within 30 s; the exchange must see no order twice throughout (checked every ' +
    '250 ms and at the end: a single writer). Then, as a negative control, the file is changed again (the app renamed ' +
    'order-gateway-v3) and the forbidden `pm2 restart all` run: what it left is recorded (PM2 version, gateway processes ' +
    'and their app, exchange duplicates), measured each run, never assumed.',
  controls: [
    'runbook: PM2 process crash → applying an ecosystem change leaves exactly one process per declared instance',
    'a single writer: no order submitted twice to the exchange',
    "the runbook's pm2 restart all warning, measured against the installed PM2",
  ],
  appliesTo: {
    runtimes: ['local'],
    reason: 'PM2 supervises the services only on the local runtime; on docker each service is its own container',
  },
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus(gateway, '/readyz'), ordersAcknowledged(1_000), asDeclared],
  faults: [renamePm2App(gateway, renamedGateway)],
  // One look tells a pending change (PM2 runs the app under a name the file no longer has); counting needs the window.
  detection: not(
    pm2RunsAsDeclared(gateway, { windowMs: 0 }),
    `PM2 does not run ${gateway} as its ecosystem file declares (a change waits to be applied)`,
  ),
  // The gateway is down for a second or two between delete and start: too short for any `for: 10s` rule.
  alerts: { fire: [], quiet: ['ServiceDown', 'GatewayNotReady', 'ExchangeBlocking', 'RedisDown'] },
  duringFault: [noDuplicateSubmissions()],
  remediation: [applyEcosystemStep],
  healthCheck: { step: { id: 'health.check' }, passesDuringFault: 'a changed ecosystem file breaks nothing until it is applied' },
  recovery: [httpStatus(gateway, '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000), asDeclared],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [
    negativeControl({
      step: { id: 'pm2.restart-all', title: 'the command the runbook forbids', run: 'pm2 restart all', timeoutMs: 60_000 },
      forbiddenBecause: 'the runbook: it restarts every service at once and can double-spawn after a config change',
      // The warning's situation: an ecosystem change pending (the gateway renamed again in the file).
      given: renamePm2App(gateway, 'order-gateway-v3', renamedGateway),
      observe: [pm2Version(), pm2RunsAsDeclared(gateway, { windowMs: 4_000 }), noDuplicateSubmissions()],
    }),
  ],
});
