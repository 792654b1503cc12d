import { Redis } from 'ioredis';

/** PINGs Redis on a loopback port once; resolves with its reply, rejects with the connection error. */
export async function pingRedis(port: number, connectTimeoutMs = 1000): Promise<string> {
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
    return await client.ping();
  } finally {
    client.disconnect();
  }
}
