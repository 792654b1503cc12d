import { Redis } from 'ioredis';

/** PINGs Redis on a loopback port once; resolves with its reply, rejects with the connection error. */
export function pingRedis(port: number, connectTimeoutMs = 1000): Promise<string> {
  return withRedis(port, connectTimeoutMs, (client) => client.ping());
}

/** How many keys Redis on a loopback port holds (DBSIZE); rejects with the connection error. */
export function dbSize(port: number, connectTimeoutMs = 1000): Promise<number> {
  return withRedis(port, connectTimeoutMs, (client) => client.dbsize());
}

async function withRedis<T>(port: number, connectTimeoutMs: number, ask: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // connect() rejects with it
  try {
    await client.connect();
    return await ask(client);
  } finally {
    client.disconnect();
  }
}
