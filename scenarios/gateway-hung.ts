import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  ordersAcknowledged,
  ordersFilled,
  pauseService,
  type ServiceName,
  serviceHangs,
  serviceRestartedByStep,
  stepOutputShows,
} from '../src/index.ts';

/** Runbook "PM2 process crash": what PM2 (the engine, on containers) says of the gateway, before anything is restarted. */
export const pm2StatusStep = { id: 'pm2.status' };

/**
 * Then reload the gateway. Afterwards its process must be new, started after
 * the step began: a reload that restarted nothing fails, however long the
 * step then waits for readiness (under load, a restarted gateway was ready
 * 11-16 s into the step, past an earlier "started within the last 8 s").
 */
export const reloadGatewayStep = {
  id: 'pm2.reload-gateway',
  postcondition: { probe: serviceRestartedByStep('order-gateway'), withinMs: 5_000 },
  // It restarts the gateway, and nothing else: every other service keeps its process.
  touches: { services: ['order-gateway'] satisfies ServiceName[] },
};

/** A running gateway answers /healthz (no I/O) in milliseconds; 2 s of silence on a connection it took is a hang. */
const hangTimeoutMs = 2_000;

export default defineScenario({
  id: 'gateway-hung',
  title: 'The order gateway hangs while orders flow',
  description:
    'SIGSTOP the order gateway (on docker: `docker pause` its container) while orders flow: a hang, not a crash. The ' +
    'process keeps its pid and its listening socket and PM2 still counts it online, so nothing restarts it. Detection is ' +
    "by the probe's own timeout, and rightly here: a hung process cannot answer, so silence is the signal. /healthz does " +
    `no I/O and a running gateway answers it in milliseconds, so ${hangTimeoutMs} ms without an answer on a connection ` +
    'the gateway took is a hang; a refused connection (a dead process) does not count. Detected within 5 s; ServiceDown ' +
    "must page for the gateway's job within 15 s (its scrapes time out: up == 0 for 10 s), while GatewayNotReady, " +
    "RedisDown and ExchangeBlocking stay quiet (a hung gateway reports nothing). The runbook's pm2.status must show the " +
    'supervisor still counting the gateway up (PM2: online; docker: running) — it does not see a hang — and ' +
    'pm2.reload-gateway must put a new gateway process in its place and restart nothing else; readiness, order flow and ' +
    'fills must be back within 30 s, with every acknowledged order persisted and filled exactly once.',
  controls: [
    'runbook: PM2 process crash → reloading a hung gateway restores trading within 30 s',
    'a hang is detected though the process supervisor counts the process up',
    'ServiceDown pages for a service that stops answering /metrics',
    'no acknowledged order lost or duplicated',
  ],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [
    httpStatus('order-gateway', '/healthz', 200, hangTimeoutMs),
    httpStatus('order-gateway', '/readyz'),
    ordersAcknowledged(1_000),
    ordersFilled(2_000),
  ],
  faults: [pauseService('order-gateway')],
  detection: serviceHangs('order-gateway', { path: '/healthz', timeoutMs: hangTimeoutMs }),
  // `for: 10s`, scrape (timeout) and evaluation every second.
  alerts: {
    fire: [{ alert: 'ServiceDown', labels: { job: 'order-gateway' }, withinMs: 15_000 }],
    quiet: ['GatewayNotReady', 'RedisDown', 'ExchangeBlocking'],
  },
  remediation: [pm2StatusStep, reloadGatewayStep],
  // The health check's first look: curl --max-time 5 on the gateway's /healthz.
  healthCheck: { step: { id: 'health.check' }, failsNaming: 'order-gateway' },
  recovery: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000), ordersFilled(1_000)],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
  checks: [
    stepOutputShows(pm2StatusStep.id, [
      {
        what: 'the supervisor still counting the hung gateway up (PM2: online; docker: running=true)',
        // PM2 colours its table even into a pipe: anything but a cell border may sit between the cell and the word.
        pattern: /\bstatus\s*│[^│\n]*online|\brunning=true\b/,
      },
    ]),
  ],
});
