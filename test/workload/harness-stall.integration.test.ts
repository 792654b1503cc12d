import { once } from 'node:events';
import { stat } from 'node:fs';
import { type ChildProcess, spawn } from 'node:child_process';
import { setImmediate as nextCheckPhase, setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpAnswer } from '../../src/probes/http-answer.ts';
import { metricsText } from '../../src/probes/metric-sample.ts';
import { ordersAcknowledged, ordersAcknowledgedWithin } from '../../src/probes/order-flow.ts';
import { observeAll, type ProbeContext } from '../../src/probes/probe.ts';
import { type OrderFlow, startOrderFlow } from '../../src/workload/order-flow.ts';
import type { WorkloadAdapter } from '../../src/workload/workload-adapter.ts';

// A harness kept off the CPU (a busy machine: seen in CI, its main thread waiting 0.8-2.5 s for a core) must not
// take its own stall for the system's silence: the system, in its own process, answers during the stall; when the
// harness runs again, the timers that end a wait or wake a look are due before the answers are read. Here the
// harness's thread is blocked for real (Atomics.wait) while a server in a child process answers. The stall is taken
// in the check phase (setImmediate), as a process preempted in an I/O callback is: Node's loop then runs the timers
// that fell due before it polls its sockets again (a stall inside a timer callback leaves them to after the poll).
const answerDelayMs = 100;
const server = `
  const http = require('node:http');
  const s = http.createServer((req, res) => {
    req.resume();
    if (req.url.startsWith('/hung')) return; // a system that takes orders and never answers
    req.on('end', () => setTimeout(() => { res.writeHead(202, { 'content-type': 'application/json' }); res.end(JSON.stringify({ orderId: 'o-' + Date.now() })); }, ${answerDelayMs}));
  });
  s.listen(0, '127.0.0.1', () => console.log(s.address().port));
`;

let child: ChildProcess;
let placed = 0;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  url = `http://127.0.0.1:${Number(line.toString())}`;
});
afterAll(() => {
  child?.kill();
});

/** `stallBeforeSending`: the harness is held up that long once, at the third order, before the request leaves. */
const workload = (path = '/orders', stallBeforeSending = 0): WorkloadAdapter => ({
  async place(order, signal) {
    if (stallBeforeSending > 0 && ++placed === 3) block(stallBeforeSending);
    const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(order), signal });
    const { orderId } = (await response.json()) as { orderId: string };
    return { outcome: 'acknowledged', orderId, status: response.status };
  },
  async readBack() {
    return [];
  },
});

/** Blocks this thread (timers, sockets, everything) for `ms`, as a descheduled process is. */
function block(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Blocks this thread from the loop's check phase. */
async function stallHarness(ms: number): Promise<void> {
  await nextCheckPhase();
  block(ms);
}

/** Stalls as soon as the flow has a request out: its answer comes while the harness is blocked. */
async function stallWithRequestsOut(flow: OrderFlow, ms: number): Promise<void> {
  const outstanding = () => {
    const { sent, acknowledged, refused, failed } = flow.stats();
    return sent - acknowledged - refused - failed;
  };
  while (outstanding() === 0) await sleep(1);
  await stallHarness(ms);
}

describe('a stalled harness', () => {
  it('gives up no request for the time the harness itself was held up before it could send it', async () => {
    placed = 0;
    const flow = startOrderFlow({ workload: workload('/orders', 1500), ordersPerSec: 20, requestTimeoutMs: 1000 });
    await sleep(2500);
    await flow.stop();
    const { sent, acknowledged, failed } = flow.stats();
    expect(failed, JSON.stringify(flow.requestsWithin(60_000).filter((r) => r.outcome === 'failed'))).toBe(0);
    expect(acknowledged).toBe(sent);
    expect(flow.requestsWithin(60_000).some((r) => r.latencyMs >= 1500)).toBe(true);
  });

  it('gives up no request whose answer arrived during the stall (its timeout fell due in the stall too)', async () => {
    const flow = startOrderFlow({ workload: workload(), ordersPerSec: 20, requestTimeoutMs: 1000 });
    await sleep(500);
    await stallWithRequestsOut(flow, 1500);
    await sleep(500);
    await flow.stop();
    const { sent, acknowledged, failed } = flow.stats();
    expect(failed, JSON.stringify(flow.requestsWithin(60_000).filter((r) => r.outcome === 'failed'))).toBe(0);
    expect(acknowledged).toBe(sent);
  });

  it('counts the answers that arrived during the stall in a look woken after it', async () => {
    const flow = startOrderFlow({ workload: workload(), ordersPerSec: 20, requestTimeoutMs: 5000 });
    try {
      await sleep(500);
      const context = { orderFlow: flow } as ProbeContext;
      let look: ReturnType<typeof observeAll> | undefined;
      setTimeout(() => {
        look = observeAll([ordersAcknowledged(1000)], context);
      }, 1);
      await stallWithRequestsOut(flow, 1500);
      while (look === undefined) await sleep(1);
      const [seen] = await look;
      expect(seen, 'the system answered during the stall').toMatchObject({ ok: true });
    } finally {
      await flow.stop();
    }
  });

  it("reads an HTTP probe's answer that arrived during the stall, though its timeout fell due then", async () => {
    const asked = httpAnswer(`${url}/readyz`, 1000);
    await sleep(answerDelayMs / 2);
    await stallHarness(1500);
    expect(await asked).toMatchObject({ answered: true, status: 202 });
  });

  it("a probe reading a service's metrics reads the answer that came in the stall, as every probe's timeout does", async () => {
    const asked = metricsText(url, 1000);
    await sleep(answerDelayMs / 2);
    await stallHarness(1500);
    await expect(asked).resolves.toMatch(/orderId/);
  });

  it('knows how long it was held up, and a look at the silence over that window is blind; the next window judges', async () => {
    const flow = startOrderFlow({ workload: workload('/hung'), ordersPerSec: 20, requestTimeoutMs: 3000 });
    try {
      await sleep(300);
      await stallHarness(1500);
      await sleep(50);
      const stalledMs = flow.heldUpBetween(flow.now() - 2000, flow.now());
      expect(stalledMs).toBeGreaterThanOrEqual(1400);
      expect(stalledMs).toBeLessThanOrEqual(2000);
      const context = { orderFlow: flow } as ProbeContext;
      const [blind] = await observeAll([ordersAcknowledged(2000)], context);
      expect(blind).toMatchObject({
        ok: false,
        blind: true,
        detail: expect.stringMatching(/^0 acked in 2000 ms .*; but the harness itself was held up \d+ ms of those 2000 ms/),
      });
      await sleep(2100);
      expect(flow.heldUpBetween(flow.now() - 2000, flow.now())).toBe(0);
      const [broken] = await observeAll([ordersAcknowledged(2000)], context);
      expect(broken, 'a system that answers nothing, seen by a harness that ran').toEqual({
        ok: false,
        detail: expect.stringMatching(/^0 acked in 2000 ms/),
      });
    } finally {
      await flow.stop();
    }
  });

  it('a look right after a stall in an I/O callback, before the order timer has run again, is blind', async () => {
    // Seen in CI: "0 acked in 2000 ms (total sent 776, acked 774)", not blind: nothing was sent in the window, but the
    // look ran in the check phase after the stall, and the timer that records it only after that.
    const flow = startOrderFlow({ workload: workload('/hung'), ordersPerSec: 20, requestTimeoutMs: 5000 });
    try {
      await sleep(300);
      const [seen] = await new Promise<Awaited<ReturnType<typeof observeAll>>>((resolve, reject) => {
        stat(import.meta.filename, () => {
          block(2100);
          observeAll([ordersAcknowledged(2000)], { orderFlow: flow } as ProbeContext).then(resolve, reject);
        });
      });
      expect(seen).toMatchObject({ ok: false, blind: true, detail: expect.stringMatching(/held up \d+ ms of those 2000 ms/) });
    } finally {
      await flow.stop();
    }
  });

  it('leaves out of a latency p95 the orders out during the stall: their answers were read late', async () => {
    const flow = startOrderFlow({ workload: workload(), ordersPerSec: 20, requestTimeoutMs: 5000 });
    try {
      await sleep(1200);
      await stallWithRequestsOut(flow, 600);
      await sleep(600);
      const late = flow.requestsWithin(1000).filter((r) => r.latencyMs >= 600);
      expect(late.length, 'answers read after the stall').toBeGreaterThan(0);
      const [seen] = await observeAll([ordersAcknowledgedWithin(400, 1000)], { orderFlow: flow } as ProbeContext);
      expect(seen).toEqual({
        ok: true,
        detail: expect.stringMatching(
          new RegExp(`^\\d+ acked, p95 \\d+ ms; ${late.length} more left out: the harness itself was held up while`),
        ),
      });
    } finally {
      await flow.stop();
    }
  });
});
