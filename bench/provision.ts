// npm run bench: how long the full environment takes to provision and to tear
// down, on the local runtime and on the docker runtime side by side (median of
// 5 runs after one warm-up, which also builds the cached Postgres template on
// a new machine). Goals (issue 12): ≤ 3 s locally, ≤ 5 s on docker, on a 2-core machine. With each median, the
// CPU the whole machine spent provisioning (every core's busy time: run it on an otherwise quiet machine): what an
// environment costs the test suites, which start some hundred of them on two cores.
// The docker runtime is skipped, with the reason, when no engine answers or
// the images are not built (npm run images).
import { cpus, loadavg } from 'node:os';
import { dockerRuntime, localRuntime, type Runtime } from '../src/index.ts';

const runs = 5;
/** Issue 12's goals for provisioning the reference system from its config: ≤ 3 s locally, ≤ 5 s on docker. */
const goalMs = { local: 3000, docker: 5000 } as const;
const signal = new AbortController().signal;

interface Sample {
  provisionMs: number;
  provisionCpuS: number;
  teardownMs: number;
}

/** CPU-seconds the whole machine has been busy since boot: every core's user, nice, system and irq time (os.cpus()). */
function machineBusyS(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000;
}

async function once(runtime: Runtime): Promise<Sample> {
  const started = performance.now();
  const busy = machineBusyS();
  const env = await runtime.provision(signal);
  const provisionMs = performance.now() - started;
  const provisionCpuS = machineBusyS() - busy;
  const stopping = performance.now();
  await env[Symbol.asyncDispose]();
  return { provisionMs, provisionCpuS, teardownMs: performance.now() - stopping };
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const median = (values: number[]) => Math.round(middle(values));

async function bench(runtime: Runtime): Promise<{ provisionMs: number; provisionCpuS: number; teardownMs: number } | string> {
  const unavailable = await runtime.preflight?.().then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (unavailable) return unavailable;
  console.log(`${runtime.name}: warm-up run…`);
  await once(runtime);
  const samples: Sample[] = [];
  for (let i = 1; i <= runs; i++) {
    const sample = await once(runtime);
    samples.push(sample);
    console.log(
      `${runtime.name}: run ${i}/${runs}: provision ${Math.round(sample.provisionMs)} ms (${sample.provisionCpuS.toFixed(1)} CPU-s), teardown ${Math.round(sample.teardownMs)} ms`,
    );
  }
  return {
    provisionMs: median(samples.map((s) => s.provisionMs)),
    provisionCpuS: middle(samples.map((s) => s.provisionCpuS)),
    teardownMs: median(samples.map((s) => s.teardownMs)),
  };
}

const what: Record<string, string> = {
  local: 'processes: postgres, redis, exchange, order-gateway, market-data, risk, log-sink, log-shipper under PM2',
  docker: 'one container per service, host networking, images from npm run images',
};
const results = [];
for (const runtime of [localRuntime, dockerRuntime]) results.push([runtime.name, await bench(runtime)] as const);

console.log(
  `\nmedian of ${runs} runs on ${cpus().length} cores (load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}):`,
);
for (const [name, result] of results) {
  if (typeof result === 'string') {
    console.log(`  ${name.padEnd(7)} skipped: ${result}`);
    continue;
  }
  const goal = ` (goal ≤ ${goalMs[name]} ms: ${result.provisionMs <= goalMs[name] ? 'met' : 'MISSED'})`;
  console.log(
    `  ${name.padEnd(7)} provision ${String(result.provisionMs).padStart(6)} ms${goal}, ${result.provisionCpuS.toFixed(1)} CPU-s, teardown ${String(result.teardownMs).padStart(6)} ms  — ${what[name]}`,
  );
}
