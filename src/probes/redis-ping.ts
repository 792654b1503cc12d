import { pingRedis } from '../runtime/redis-ping.ts';
import type { Probe } from './probe.ts';

const redis = 'redis';

/** Redis answers PING on the environment's port. */
export function redisAnswersPing(): Probe {
  return {
    name: 'redis answers PING on $REDIS_PORT',
    uses: { services: [redis] },
    async observe({ env }) {
      const port = env.service(redis).port;
      try {
        const reply = await pingRedis(port, 500);
        return { ok: reply === 'PONG', detail: `port ${port}: ${reply}` };
      } catch (error) {
        return { ok: false, detail: `port ${port}: ${(error as Error).message}` };
      }
    },
  };
}

/** Nothing can consult Redis: it refuses the connection, or does not answer PING within 500 ms. */
export function redisUnreachable(): Probe {
  return {
    name: 'redis cannot be consulted (no PONG on $REDIS_PORT)',
    uses: { services: [redis] },
    async observe({ env }) {
      const port = env.service(redis).port;
      try {
        const reply = await pingRedis(port, 500);
        return { ok: reply !== 'PONG', detail: `port ${port} answered ${reply}` };
      } catch (error) {
        return { ok: true, detail: `port ${port}: ${(error as Error).message}` };
      }
    },
  };
}
