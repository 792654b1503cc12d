import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { freePort } from '../../src/host/ports.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { prometheusQuery } from '../../src/probes/prometheus-query.ts';
import { describeScrapes, scrapesBetween } from '../../src/probes/scrape-health.ts';
import { startPrometheus } from '../../src/runtime/local/prometheus-server.ts';

// A real Prometheus (1 s scrapes, 1 s timeout, as every environment's) scraping
// two targets, one of which stops answering for 2.5 s: the scrapes it times
// out on are counted as failed, and the other target's as on time. What a late
// alert's evidence carries (src/runner/phases/alerts.ts).
describe("Prometheus' scrapes over a window (scrape-health)", () => {
  let sandbox: Sandbox;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let stallUntil = 0;
  const servers = [
    createServer(async (_request, response) => {
      while (Date.now() < stallUntil) await sleep(50);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('gateway_ready 1\n');
    }),
    createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('redis_up 1\n')),
  ];
  const ports: number[] = [];

  beforeAll(async () => {
    sandbox = await createSandbox();
    for (const server of servers) {
      const port = await freePort();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      ports.push(port);
    }
    prometheus = await startPrometheus({
      dir: sandbox.dir,
      envId: sandbox.id,
      port: await freePort(),
      scrapeJobs: [
        { job: 'order-gateway', targets: [`127.0.0.1:${ports[0]}`] },
        { job: 'redis', targets: [`127.0.0.1:${ports[1]}`] },
      ],
      ruleFiles: [],
    });
    await waitUntil(async () => (await prometheusQuery(prometheus.url, 'up == 1')).length === 2, {
      what: 'both targets scraped',
      timeoutMs: 15_000,
    });
  }, 30_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    if (sandbox) await removeSandbox(sandbox);
  });

  it('counts the scrapes a stalled target timed out on as failed, slowest at the timeout; the other target on time', async () => {
    const from = Date.now();
    stallUntil = from + 2_500;
    await sleep(5_000);
    const to = Date.now();
    const targets = await scrapesBetween(prometheus.url, from, to);
    console.log(`scrapes over ${to - from} ms with the gateway stalled 2.5 s: ${describeScrapes(targets)}`);
    const [gateway, redis] = targets;
    expect(targets.map((t) => t.job)).toEqual(['order-gateway', 'redis']);
    expect(gateway?.failed).toBeGreaterThanOrEqual(1);
    expect(gateway?.slowestMs).toBeGreaterThanOrEqual(900);
    expect(redis).toMatchObject({ failed: 0 });
    expect(redis?.attempts).toBeGreaterThanOrEqual(3);
    expect(describeScrapes(targets)).toMatch(/^order-gateway \(127\.0\.0\.1:\d+\) [1-9]\d* of \d+ failed, .*; the other 1 on time$/);
  });

  it('with nothing stalled, finds every scrape good', async () => {
    const from = Date.now();
    await sleep(3_000);
    const targets = await scrapesBetween(prometheus.url, from, Date.now());
    expect(targets.map((t) => [t.job, t.failed])).toEqual([
      ['order-gateway', 0],
      ['redis', 0],
    ]);
    expect(targets.every((t) => t.attempts >= 2)).toBe(true);
  });
});
