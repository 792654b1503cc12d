import { Redis } from 'ioredis';
import type { Probe } from './probe.ts';

/** Redis answers PING on the environment's port. */
export function redisAnswersPing(): Probe {
  return {
    name: 'redis answers PING on $REDIS_PORT',
    async observe({ env }) {
      const port = env.service('redis').port;
      const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {});
      try {
        await client.connect();
        const reply = await client.ping();
        return { ok: reply === 'PONG', detail: `port ${port}: ${reply}` };
      } catch (error) {
        return { ok: false, detail: `port ${port}: ${(error as Error).message}` };
      } finally {
        client.disconnect();
      }
    },
  };
}
