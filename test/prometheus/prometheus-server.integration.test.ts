import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { Gauge, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../src/monitoring/webhook-receiver.ts';
import { alertFiring, type AlertObservation } from '../../src/probes/alert-state.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { startAlertmanager } from '../../src/runtime/local/alertmanager-server.ts';
import { freePort } from '../../src/host/ports.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';
import { startPrometheus } from '../../src/runtime/local/prometheus-server.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { findTaggedProcesses, isAlive } from '../../src/host/tagged-processes.ts';
import { waitUntil } from '../../src/clock/wait-until.ts';

const atsRules = join(defaultAlertRulesDir, 'ats-alerts.yml');
/** The reference ATS's routing: pages to PagerDuty P7X2K9Q, tickets to Slack @sre-team. */
const routing = {
  routes: [
    { matchers: ['severity="page"'], contact: 'pagerduty:P7X2K9Q' },
    { matchers: ['severity="ticket"'], contact: 'slack:@sre-team' },
  ],
  defaultContact: 'pagerduty:P7X2K9Q',
};
const ticketRule = `groups:
  - name: drill
    rules:
      - alert: DrillTicket
        expr: vector(1)
        labels: { severity: ticket }
`;

/** The gateway's rate-gate gauges, served on /metrics like the real gateway. */
async function fakeGateway(): Promise<{ port: number; blocked: Gauge; strikes: Gauge; server: Server }> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'order-gateway' });
  const blocked = new Gauge({ name: 'rate_gate_blocked', help: 'blocked', registers: [registry] });
  const strikes = new Gauge({ name: 'rate_gate_strikes', help: 'strikes', registers: [registry] });
  const server = createHttpServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, blocked, strikes, server };
}

function probeContext(prometheusUrl: string): ProbeContext {
  const env = { id: 'test', runtime: 'local', variables: () => ({ PROMETHEUS_URL: prometheusUrl }) } as unknown as Environment;
  return { env, signal: new AbortController().signal } as unknown as ProbeContext;
}

async function query(url: string, promql: string): Promise<{ value: [number, string] }[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return ((await response.json()) as { data: { result: { value: [number, string] }[] } }).data.result;
}

describe('Prometheus and Alertmanager servers', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    if (sandbox) await removeSandbox(sandbox);
    sandbox = undefined;
  });

  it('fire a real alert when a scraped metric flips, and route it by severity to the runbook contacts; teardown leaves no process', async () => {
    sandbox = await createSandbox();
    const gateway = await fakeGateway();
    await using receiver = await startWebhookReceiver();
    await writeFile(join(sandbox.dir, 'drill.yml'), ticketRule);
    const alertmanager = await startAlertmanager({
      dir: sandbox.dir,
      envId: sandbox.id,
      port: await freePort(),
      webhookUrl: receiver.url,
      routing,
    });
    const prometheus = await startPrometheus({
      dir: sandbox.dir,
      envId: sandbox.id,
      port: await freePort(),
      scrapeJobs: [{ job: 'order-gateway', targets: [`127.0.0.1:${gateway.port}`] }],
      ruleFiles: [atsRules, join(sandbox.dir, 'drill.yml')],
      alertmanager: `127.0.0.1:${alertmanager.port}`,
    });
    const pids = [prometheus.pid()!, alertmanager.pid()!];
    expect(await findTaggedProcesses(sandbox)).toEqual(expect.arrayContaining(pids));
    try {
      const context = probeContext(prometheus.url);
      const probe = alertFiring('ExchangeBlocking', { job: 'order-gateway' });
      await waitUntil(async () => (await query(prometheus.url, 'rate_gate_blocked')).length > 0, {
        what: 'first scrape of the gateway',
        timeoutMs: 10_000,
      });
      await receiver.waitFor(
        (n) => n.channel === 'slack' && n.contact === '@sre-team' && n.alerts.some((a) => a.alertname === 'DrillTicket'),
        10_000,
      );
      expect((await probe.observe(context)).ok).toBe(false);

      gateway.blocked.set(1);
      gateway.strikes.set(1);
      const faultAt = performance.now();
      const seen = await waitUntil(
        async () => {
          const observation: AlertObservation = await probe.observe(context);
          return observation.ok && observation;
        },
        { what: 'ExchangeBlocking firing', timeoutMs: 10_000, intervalMs: 50 },
      );
      const firedMs = performance.now() - faultAt;
      const page = await receiver.waitFor(
        (n) => n.channel === 'pagerduty' && n.alerts.some((a) => a.alertname === 'ExchangeBlocking' && a.status === 'firing'),
        10_000,
      );
      console.log(
        `ExchangeBlocking (for: 0s, 1 s scrape/evaluation): firing ${Math.round(firedMs)} ms after the flip; PagerDuty ${page.contact} notified after ${Math.round(page.t - faultAt)} ms`,
      );
      expect(seen.activeAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(seen.detail).toMatch(/ExchangeBlocking\{.*job="order-gateway".*\} firing since .* \(active since .*, for 0s\)/);
      expect(page.contact).toBe('P7X2K9Q');
      expect(page.receiver).toBe('pagerduty-P7X2K9Q'); // the receiver is named after its contact (alertmanager-config.ts)
      expect(firedMs).toBeLessThan(10_000); // generous: only proves it fires; the latency is printed
    } finally {
      await prometheus.stop();
      await alertmanager.stop();
      gateway.server.close();
    }
    expect(pids.filter(isAlive)).toEqual([]);
    expect(prometheus.pid()).toBeUndefined();
    await prometheus.stop(); // idempotent
    expect(await findTaggedProcesses(sandbox)).toEqual([]);
  });

  it('refuses a bad rule file at start and on reload with an error naming the file', async () => {
    sandbox = await createSandbox();
    const rules = join(sandbox.dir, 'broken.yml');
    await writeFile(rules, 'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: up ==\n');
    const start = startPrometheus({ dir: sandbox.dir, envId: sandbox.id, port: await freePort(), scrapeJobs: [], ruleFiles: [rules] });
    await expect(start).rejects.toThrow(
      /^Prometheus did not start: .*broken\.yml: 5:\d+: group "x", rule 1, "Broken": could not parse expression/,
    );
    expect(await findTaggedProcesses(sandbox)).toEqual([]);

    await writeFile(rules, ticketRule);
    await using prometheus = await startPrometheus({
      dir: join(sandbox.dir, 'again'),
      envId: sandbox.id,
      port: await freePort(),
      scrapeJobs: [],
      ruleFiles: [rules],
    });
    await writeFile(rules, 'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: up ==\n');
    await expect(prometheus.reload()).rejects.toThrow(
      /^Prometheus rejected its config on reload and keeps the previous one: .*broken\.yml: 5:\d+: group "x", rule 1, "Broken": could not parse expression/,
    );
    expect(prometheus.pid()).toBeDefined(); // keeps running on the rules it had
  });

  it('say which port is taken when Prometheus or Alertmanager cannot listen', async () => {
    sandbox = await createSandbox();
    const squatter = createTcpServer();
    const port = await freePort();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startPrometheus({ dir: sandbox.dir, envId: sandbox.id, port, scrapeJobs: [] })).rejects.toThrow(
        new RegExp(`^Prometheus did not start: port ${port} is already taken: .*address already in use`),
      );
      await expect(
        startAlertmanager({ dir: sandbox.dir, envId: sandbox.id, port, webhookUrl: 'http://127.0.0.1:1', routing }),
      ).rejects.toThrow(new RegExp(`^Alertmanager did not start: port ${port} is already taken`));
    } finally {
      squatter.close();
    }
    expect(await findTaggedProcesses(sandbox)).toEqual([]);
  });
});
