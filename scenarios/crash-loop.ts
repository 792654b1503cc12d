import {
  acknowledgedOrdersIntegrity,
  badConfigPush,
  defineScenario,
  httpStatus,
  ordersAcknowledged,
  ordersFilled,
  restartStorm,
  type ServiceName,
  serviceStopped,
  stepOutputShows,
} from '../src/index.ts';

/** It stops and starts the gateway, and nothing else: every other service keeps its process. */
const gatewayOnly = { services: ['order-gateway'] satisfies ServiceName[] };

/** Runbook "PM2 process crash" → "Crash loop": stop the storm. Afterwards the supervisor must hold the gateway stopped. */
export const stopStormStep = {
  id: 'crash-loop.stop',
  postcondition: { probe: serviceStopped('order-gateway'), withinMs: 5_000 },
  touches: gatewayOnly,
};

/** Read why it dies (the gateway is stopped: nothing may change). */
export const whyStep = { id: 'crash-loop.why' };

/** Roll the config push back from its last known-good version. */
export const restoreConfigStep = { id: 'crash-loop.restore-config' };

/** Start it again; the step waits until it is ready. */
export const startStep = { id: 'crash-loop.start', touches: gatewayOnly };

/** A storm, by the supervisor's own count: 3 restarts within 15 s (a service restarted once by a deploy is no storm). */
const storm = { restartsAtLeast: 3, withinMs: 15_000 };

export default defineScenario({
  id: 'crash-loop',
  title: 'A bad config push makes the order gateway crash on every start',
  description:
    "Push a bad setting into the order gateway's overrides file (RATE_LIMIT_PER_SEC=50/s: a unit where a number goes), " +
    'keeping the version it replaces as overrides.env.last-good as config management does, and restart the gateway: it ' +
    'exits 78 on every start, and its supervisor (PM2 locally, the engine with restart policy unless-stopped on docker) ' +
    `restarts it again and again. The storm must be seen from the supervisor's restart count, ${storm.restartsAtLeast} ` +
    `restarts within ${storm.withinMs / 1000} s, within 15 s of the push, and ServiceDown must page for the gateway's job ` +
    "(nothing answers its /metrics) while GatewayNotReady, RedisDown and ExchangeBlocking stay quiet. The runbook's " +
    'crash-loop steps stop the storm (the supervisor must hold the gateway stopped), read why it dies (the log must name ' +
    'the refused setting and the line that set it), restore the last known-good config and start the gateway, touching ' +
    'no other service; readiness, order flow and fills must be back within 30 s, every acknowledged order persisted ' +
    'and filled exactly once.',
  controls: [
    'runbook: PM2 process crash → a crash loop is stopped, its cause rolled back, trading restored within 30 s',
    "a restart storm is detected from the supervisor's restart count",
    'ServiceDown pages for a service that stops answering /metrics',
    'no acknowledged order lost or duplicated',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 15_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(2_000)],
  faults: [badConfigPush('order-gateway', { fileVariable: 'GATEWAY_OVERRIDES_FILE', lines: ['RATE_LIMIT_PER_SEC=50/s'] })],
  detection: restartStorm('order-gateway', storm),
  // `for: 10s`, scrape and evaluation every second: the gateway never gets as far as listening.
  alerts: {
    fire: [{ alert: 'ServiceDown', labels: { job: 'order-gateway' }, withinMs: 15_000 }],
    quiet: ['GatewayNotReady', 'RedisDown', 'ExchangeBlocking'],
  },
  remediation: [stopStormStep, whyStep, restoreConfigStep, startStep],
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'order-gateway' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [
    stepOutputShows(whyStep.id, [
      {
        what: 'why the gateway dies: the refused setting, and the file and line that set it',
        pattern: /RATE_LIMIT_PER_SEC must be an integer[^"\n]*, got \\?"50\/s\\?" \(set by \S*overrides\.env line \d+\)/,
      },
    ]),
  ],
});
