/**
 * The order gateway's Postgres pool as it exports it on /metrics (pg_pool_total,
 * idle, waiting, max), and a probe on the condition DbPoolSaturated alerts on:
 * every connection open and queries waiting for one.
 */
import type { Environment } from '../runtime/runtime.ts';
import { metricsText, sampleValue } from './metric-sample.ts';
import type { Probe } from './probe.ts';

export interface GatewayPool {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

const gauges = ['total', 'idle', 'waiting', 'max'] as const;
const gateway = 'order-gateway';

export async function gatewayPool(env: Environment, timeoutMs = 2000): Promise<GatewayPool> {
  const url = env.service(gateway).url!;
  const text = await metricsText(url, timeoutMs);
  const read = (gauge: (typeof gauges)[number]) => {
    const value = sampleValue(text, `pg_pool_${gauge}`);
    if (value === undefined) throw new Error(`${url}/metrics has no pg_pool_${gauge} sample`);
    return value;
  };
  return { total: read('total'), idle: read('idle'), waiting: read('waiting'), max: read('max') };
}

export function describePool(pool: GatewayPool): string {
  return `pg_pool total ${pool.total}/${pool.max}, idle ${pool.idle}, waiting ${pool.waiting}`;
}

/** Holds unless the gateway's pool is saturated (waiting > 0 with total ≥ max, DbPoolSaturated's condition). */
export function gatewayPoolNotSaturated(): Probe {
  return {
    name: "order-gateway's Postgres pool is not saturated",
    uses: { services: [gateway] },
    async observe({ env }) {
      const pool = await gatewayPool(env);
      return { ok: !(pool.waiting > 0 && pool.total >= pool.max), detail: describePool(pool) };
    },
  };
}
