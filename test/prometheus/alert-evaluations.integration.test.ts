import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { freePort } from '../../src/host/ports.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { alertEvaluationsBetween, describeAlertStretches } from '../../src/probes/alert-evaluations.ts';
import { prometheusAlertingRules } from '../../src/probes/alert-state.ts';
import { prometheusQuery } from '../../src/probes/prometheus-query.ts';
import { startPrometheus } from '../../src/runtime/local/prometheus-server.ts';

// A real Prometheus (1 s scrapes and evaluations, as every environment's) with one rule, `gateway_ready == 0`
// for 3 s, over a target whose gauge the test sets: a gauge that comes back to 1 for a moment starts the rule's
// `for` again, and the ALERTS series shows it. What a late alert's evidence carries (src/runner/phases/alerts.ts).
describe("an alert's evaluations over a window (alert-evaluations)", () => {
  let sandbox: Sandbox;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let ready = 1;
  const target = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`gateway_ready ${ready}\n`),
  );

  beforeAll(async () => {
    sandbox = await createSandbox();
    const port = await freePort();
    await new Promise<void>((resolve) => target.listen(port, '127.0.0.1', resolve));
    const rules = join(sandbox.dir, 'rules.yml');
    await writeFile(
      rules,
      'groups:\n  - name: test\n    rules:\n      - alert: GatewayNotReady\n        expr: gateway_ready == 0\n        for: 3s\n',
    );
    prometheus = await startPrometheus({
      dir: sandbox.dir,
      envId: sandbox.id,
      port: await freePort(),
      scrapeJobs: [{ job: 'order-gateway', targets: [`127.0.0.1:${port}`] }],
      ruleFiles: [rules],
    });
    await waitUntil(
      async () =>
        (await prometheusAlertingRules(prometheus.url)).length === 1 &&
        (await prometheusQuery(prometheus.url, 'gateway_ready == 1')).length === 1,
      { what: 'the rule loaded and the gauge scraped', timeoutMs: 15_000 },
    );
  }, 30_000);

  afterAll(async () => {
    await prometheus?.stop();
    target.closeAllConnections();
    target.close();
    if (sandbox) await removeSandbox(sandbox);
  });

  const firing = async () => (await prometheusAlertingRules(prometheus.url))[0]?.alerts.some((a) => a.state === 'firing') ?? false;
  const resolved = async () => (await prometheusAlertingRules(prometheus.url))[0]?.alerts.length === 0;

  it('shows a condition that lapsed for a moment as two pending stretches, the `for` started twice', async () => {
    const from = Date.now();
    ready = 0;
    await sleep(2_500);
    ready = 1;
    await sleep(2_500);
    ready = 0;
    await waitUntil(firing, { what: 'GatewayNotReady firing', timeoutMs: 15_000, intervalMs: 200 });
    const stretches = await alertEvaluationsBetween(prometheus.url, 'GatewayNotReady', {}, from, Date.now());
    console.log(`gauge 0, 1 for 2.5 s, 0 again: ${describeAlertStretches(stretches)}`);
    expect(stretches.map((s) => s.state)).toEqual(['pending', 'pending', 'firing']);
    expect(stretches[1]!.fromMs - stretches[0]!.toMs).toBeGreaterThanOrEqual(1500);
    expect(describeAlertStretches(stretches)).toMatch(/\(its `for` started 2 times\)$/);
    ready = 1;
    await waitUntil(resolved, { what: 'GatewayNotReady resolved', timeoutMs: 15_000, intervalMs: 200 });
  });

  it('with the condition held throughout, one pending stretch then firing; labels narrow it', async () => {
    ready = 1;
    await waitUntil(resolved, { what: 'GatewayNotReady resolved', timeoutMs: 15_000, intervalMs: 200 });
    const from = Date.now();
    ready = 0;
    await waitUntil(firing, { what: 'GatewayNotReady firing', timeoutMs: 15_000, intervalMs: 200 });
    const to = Date.now();
    const stretches = await alertEvaluationsBetween(prometheus.url, 'GatewayNotReady', { job: 'order-gateway' }, from, to);
    expect(stretches.map((s) => s.state)).toEqual(['pending', 'firing']);
    expect(describeAlertStretches(stretches)).not.toContain('started');
    expect(await alertEvaluationsBetween(prometheus.url, 'GatewayNotReady', { job: 'risk' }, from, to)).toEqual([]);
    ready = 1;
  });
});
