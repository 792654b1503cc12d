import {
  acknowledgedOrdersIntegrity,
  defineScenario,
  httpStatus,
  killService,
  not,
  ordersAcknowledged,
  redisAnswersPing,
} from '../src/index.ts';

/** Waits until Redis answers PING on $REDIS_PORT (10 s), after it was started. */
const awaitPing = [
  'for _ in $(seq 1 50); do',
  '  if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then echo "redis answering on port $REDIS_PORT"; exit 0; fi',
  '  sleep 0.2',
  'done',
  'echo "redis did not answer PING on port $REDIS_PORT within 10 s" >&2',
  'exit 1',
];

/**
 * The step an operator pastes: start Redis again, then wait until it answers.
 * On hosts Redis starts from its config file; in containers its container starts again.
 */
export const redisRestartStep = {
  id: 'redis.restart',
  title: 'Restart Redis from its config file and wait for PING',
  run: {
    local: ['redis-server "$REDIS_CONF"', ...awaitPing].join('\n'),
    docker: ['docker start "$REDIS_CONTAINER"', ...awaitPing].join('\n'),
  },
  timeoutMs: 20_000,
  postcondition: { probe: redisAnswersPing(), withinMs: 5_000 },
};

export default defineScenario({
  id: 'redis-outage',
  title: 'Redis is killed while orders flow',
  description:
    'SIGKILL the Redis server behind the rate gate while orders flow. The gateway must report itself unready within 5 s ' +
    'and refuse orders it cannot rate-limit; the runbook restarts Redis; readiness and order flow must be back within 30 s ' +
    'with every acknowledged order persisted and filled exactly once.',
  controls: ['runbook: Redis outage → restart restores trading within 30 s', 'readiness reflects each dependency', 'no acknowledged order lost'],
  workload: { ordersPerSec: 20 },
  targets: { detectMs: 5_000, recoveryMs: 30_000, dataLoss: 0 },
  steadyState: [httpStatus('order-gateway', '/readyz'), ordersAcknowledged(1_000)],
  faults: [killService('redis', 'SIGKILL')],
  detection: not(httpStatus('order-gateway', '/readyz'), 'order-gateway /readyz stops answering 200'),
  remediation: [redisRestartStep],
  integrity: acknowledgedOrdersIntegrity({ drainMs: 15_000 }),
});
