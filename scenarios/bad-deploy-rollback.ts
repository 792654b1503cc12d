import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  deployRelease,
  failedRequests,
  httpStatus,
  orderErrorRateAbove,
  ordersFilled,
  ordersServedBy,
  type ServiceName,
} from '../src/index.ts';

/**
 * Runbook "Blue/green deployment and rollback": point live.conf back at blue
 * and reload nginx. Done when every order request is acknowledged by blue
 * again, so a step that switches the file but does not reload nginx (or
 * reloads the wrong one) fails here, naming itself.
 */
export const rollbackStep = {
  id: 'deploy.rollback',
  postcondition: { probe: ordersServedBy('blue', 1_000), withinMs: 5_000 },
  // It moves the gateway's traffic, so the gateway's live process changes (green → blue); nothing else may.
  touches: { services: ['order-gateway'] satisfies ServiceName[] },
};

/** Then the runbook's post-rollback check: the gateway ready, the rate gate open, orders counted. */
export const verifyStep = { id: 'rollback.verify' };

/** And its smoke test (`helm test`; here the post-rollback-smoke probe suite in its place): an order filled, one cancelled, metrics scraped, logs arriving. */
export const smokeStep = { id: 'rollback.smoke' };

/** Trading through nginx, every order acknowledged by blue: the steady state before a release and after its rollback. */
export const servedByBlue = [httpStatus('order-gateway', '/readyz'), ordersServedBy('blue', 2_000), ordersFilled(2_000)];

/** A release moves traffic and nothing else: no alert may fire for it, whatever it does to orders. */
export const quietThroughARelease = ['ServiceDown', 'GatewayNotReady', 'RedisDown', 'ExchangeBlocking'];

/**
 * The build released here fails every real order (500) while /healthz and
 * /readyz answer 200: the release that health checks miss, so only the
 * orders' error rate tells.
 */
const badBuild = 'healthy-but-failing';

export default defineScenario({
  id: 'bad-deploy-rollback',
  title: 'A bad release goes live on green and is rolled back to blue',
  description:
    `While orders flow through nginx to the blue gateway, release build "${badBuild}" to green: it passes its readiness ` +
    'check, so nginx is switched to it, and then it fails every real order with a 500 while /healthz and /readyz keep ' +
    'answering 200. The bad release is detected by what it does to orders — more than 20 % of the order requests of the ' +
    'last 3 s not acknowledged — within 10 s; no alert of the runbook fires for it (the gateway stays up and ready), and ' +
    "the health check passes, which is why the error rate is watched. The decision to roll back starts the runbook's " +
    'deploy.rollback exactly as written (live.conf back to blue, nginx -t, reload), rollback.verify and the ' +
    'smoke test rollback.smoke. The rollback is complete when every order request of the last 2 s is acknowledged by blue, which must happen within 30 s of the ' +
    "decision (the runbook's target): the measured recoveryMs is that rollbackMs. The requests the bad release failed are " +
    'counted by colour in the evidence; blue must fail none, and every acknowledged order must be persisted and filled once.',
  controls: [
    'runbook: Blue/green deployment and rollback → rollback complete in under 30 seconds',
    'runbook: Post-rollback check runs after the switch',
    'a release that passes its health checks but fails real orders is detected by its error rate',
    'no acknowledged order lost or duplicated across a release and its rollback',
  ],
  blueGreen: ['order-gateway'],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 10_000, recoveryMs: 30_000, rollbackMs: 30_000, dataLoss: 0 },
  steadyState: servedByBlue,
  faults: [deployRelease('order-gateway', { build: badBuild })],
  detection: orderErrorRateAbove(0.2, 3_000),
  alerts: { fire: [], quiet: quietThroughARelease },
  remediation: [rollbackStep, verifyStep, smokeStep],
  healthCheck: {
    step: { id: 'health.check' },
    passesDuringFault: `build "${badBuild}" answers /healthz and /readyz: the health check cannot see a release that fails real orders`,
  },
  recovery: servedByBlue,
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [failedRequests({ atMost: 0, servedBy: 'blue' })],
});
