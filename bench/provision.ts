// npm run bench: how long the full local environment takes to provision and to
// tear down (median of 5 runs after one warm-up, which also builds the cached
// Postgres template on a new machine). Goal: provisioning ≤ 5 s on a 2-core machine.
import { localRuntime } from '../src/index.ts';

const runs = 5;
const goalMs = 5000;
const signal = new AbortController().signal;

async function once(): Promise<{ provisionMs: number; teardownMs: number }> {
  const started = performance.now();
  const env = await localRuntime.provision(signal);
  const provisionMs = performance.now() - started;
  const stopping = performance.now();
  await env[Symbol.asyncDispose]();
  return { provisionMs, teardownMs: performance.now() - stopping };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log('warm-up run…');
await once();
const samples: { provisionMs: number; teardownMs: number }[] = [];
for (let i = 1; i <= runs; i++) {
  const sample = await once();
  samples.push(sample);
  console.log(`run ${i}/${runs}: provision ${Math.round(sample.provisionMs)} ms, teardown ${Math.round(sample.teardownMs)} ms`);
}
const provisionMs = Math.round(median(samples.map((s) => s.provisionMs)));
const teardownMs = Math.round(median(samples.map((s) => s.teardownMs)));
console.log(`\nlocal environment (postgres, redis, exchange, order-gateway, market-data, risk under PM2):`);
console.log(`  median provision: ${provisionMs} ms (goal ≤ ${goalMs} ms: ${provisionMs <= goalMs ? 'met' : 'MISSED'})`);
console.log(`  median teardown:  ${teardownMs} ms`);
