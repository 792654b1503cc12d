import { acknowledgedOrdersIntegrity, defineScenario, deployRelease, failedRequests, ordersServedBy } from '../src/index.ts';
import { quietThroughARelease, rollbackStep, servedByBlue, smokeStep, verifyStep } from './bad-deploy-rollback.ts';

export default defineScenario({
  id: 'healthy-swap',
  title: 'Traffic moves between two healthy colours and back without a failed request',
  description:
    'While orders flow through nginx to the blue gateway, release the current build to green: once green passes its ' +
    "readiness check, nginx is switched to it (the runbook's way: live.conf, nginx -t, reload), and every order request " +
    "must be acknowledged by green within 3 s. Then the runbook's deploy.rollback switches back to blue, and " +
    'rollback.verify and the smoke test rollback.smoke run. A reload-based switch drains the old workers, so neither switch may cost a single request: ' +
    'every order request of the whole run must be acknowledged, and every acknowledged order persisted and filled once.',
  controls: [
    'runbook: Blue/green deployment and rollback → switching colours drops no request',
    'runbook: Post-rollback check runs after the switch',
    'no acknowledged order lost or duplicated across two switches',
  ],
  blueGreen: ['order-gateway'],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 3_000, recoveryMs: 30_000, rollbackMs: 30_000, dataLoss: 0 },
  steadyState: servedByBlue,
  faults: [deployRelease('order-gateway')],
  // "Detected": the release is live, every request answered by green.
  detection: ordersServedBy('green', 1_000),
  alerts: { fire: [], quiet: quietThroughARelease },
  remediation: [rollbackStep, verifyStep, smokeStep],
  healthCheck: { step: { id: 'health.check' }, passesDuringFault: 'both colours run a healthy build: nothing is down' },
  recovery: servedByBlue,
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [failedRequests({ atMost: 0 })],
});
