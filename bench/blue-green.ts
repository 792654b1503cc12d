// npm run bench: the blue/green switch of issue 14, on each runtime that can
// run it. One environment with the gateway blue/green behind nginx and both
// colours running; then 5 times: switch to green and time until every request
// through nginx is answered by green ("swap"), switch back and time until every
// one is answered by blue again ("rollback"). The switch is the harness's own,
// the runbook's way (live.conf symlink, nginx -t, nginx -s reload).
// Goal (issue 14): rollback complete ≤ 2 s on this machine (the runbook's target is 30 s).
// A runtime whose preflight fails is skipped with the reason.
import { cpus, loadavg } from 'node:os';
import { type Colour, dockerRuntime, localRuntime, type Runtime } from '../src/index.ts';

const runs = 5;
const goalMs = 2000;
const service = 'order-gateway';
/** Consecutive answers from the new colour that count as "all traffic moved". */
const settledAfter = 20;
const signal = new AbortController().signal;

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

/**
 * Switch, then poll /healthz through nginx until `settledAfter` answers in a row name `colour`: ms from the switch's
 * start to the first answer of that run (so the switch's own time, nginx -t and the reload, counts).
 */
async function timeSwitch(switchTo: (colour: Colour) => Promise<void>, url: string, colour: Colour): Promise<number> {
  const started = performance.now();
  await switchTo(colour);
  let inARow = 0;
  let movedAt = 0;
  while (inARow < settledAfter) {
    if (performance.now() - started > 30_000) throw new Error(`traffic not all on ${colour} within 30 s of the switch`);
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.ok && response.headers.get('x-colour') === colour) {
      if (inARow++ === 0) movedAt = performance.now();
    } else inARow = 0;
  }
  return movedAt - started;
}

async function bench(runtime: Runtime): Promise<{ swapMs: number; rollbackMs: number } | string> {
  const unavailable = await runtime.preflight?.().then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (unavailable) return unavailable;
  await using env = await runtime.provision(signal, { blueGreen: [service] });
  if (!env.blueGreen) return `the ${runtime.name} runtime cannot run blue/green`;
  const switcher = env.blueGreen(service);
  const url = env.service(service).url!;
  await switcher.deploy({ colour: 'green' }, signal);
  await switcher.waitReady('green', 30_000, signal);
  const swaps: number[] = [];
  const rollbacks: number[] = [];
  for (let i = 1; i <= runs; i++) {
    swaps.push(await timeSwitch((c) => switcher.switchTo(c), url, 'green'));
    rollbacks.push(await timeSwitch((c) => switcher.switchTo(c), url, 'blue'));
    console.log(`${runtime.name}: run ${i}/${runs}: swap ${Math.round(swaps.at(-1)!)} ms, rollback ${Math.round(rollbacks.at(-1)!)} ms`);
  }
  return { swapMs: median(swaps), rollbackMs: median(rollbacks) };
}

const results = [];
for (const runtime of [localRuntime, dockerRuntime]) results.push([runtime.name, await bench(runtime)] as const);
console.log(
  `\nblue/green switch, median of ${runs} runs on ${cpus().length} cores (load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}); ms from the switch's start until every answer came from the new colour:`,
);
for (const [name, result] of results) {
  if (typeof result === 'string') {
    console.log(`  ${name.padEnd(7)} skipped: ${result}`);
    continue;
  }
  const goal = `(goal ≤ ${goalMs} ms: ${result.rollbackMs <= goalMs ? 'met' : 'MISSED'})`;
  console.log(
    `  ${name.padEnd(7)} swap ${String(result.swapMs).padStart(5)} ms, rollback ${String(result.rollbackMs).padStart(5)} ms ${goal}`,
  );
}
