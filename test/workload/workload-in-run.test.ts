import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../src/config/config-file-error.ts';
import { type LoadedConfig, loadReferenceConfig } from '../../src/config/load-config.ts';
import { acknowledgedOrdersIntegrity } from '../../src/probes/order-integrity.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { tempDir } from '../config/config-files.ts';
import { standInEnvironment } from '../support/stand-in-environment.ts';
import { standInScenario } from '../support/stand-in-scenario.ts';

// A run uses the config's workload module: loaded once before anything is
// provisioned, one adapter per environment, every order through it. On a
// stand-in environment whose gateway URL nothing answers.
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const scenario = standInScenario({
  workload: { ordersPerSec: 50 },
  integrity: acknowledgedOrdersIntegrity({ drainMs: 200 }),
  hold: { steadyStateMs: 300, recoveryMs: 0 },
});

async function withWorkload(source: string): Promise<{ config: LoadedConfig; file: string }> {
  const file = join(dir, 'workload.ts');
  await writeFile(file, source);
  const reference = await loadReferenceConfig();
  return { config: { ...reference, config: { ...reference.config, workload: file } }, file };
}

function run(config: LoadedConfig, log: string[]) {
  const runtime: Runtime = {
    name: 'local',
    provision: async () => {
      log.push('provisioned');
      return standInEnvironment({ gatewayUrl: 'http://127.0.0.1:1', log });
    },
  };
  return runScenarios([scenario], { runtime, config, reportDir: join(dir, 'reports'), signal: new AbortController().signal });
}

describe("a run's workload", () => {
  it("places every order through the config's adapter and reads them back through it", async () => {
    // Acknowledges every other order, holds each acknowledged one filled once: what the evidence must show.
    const { config } = await withWorkload(`
      const held = new Set();
      let n = 0;
      export default ({ variables }) => ({
        async place(order) {
          if (n++ % 2) return { outcome: 'refused', status: 409 };
          held.add(order.clientOrderId);
          return { outcome: 'acknowledged', orderId: 'x-' + n };
        },
        async readBack(ids) { return ids.map((id) => ({ clientOrderId: id, persisted: held.has(id), fills: held.has(id) ? 1 : 0 })); },
        persistedIn: 'the ledger at ' + variables.ATS_URL.replace(/:\\d+$/, ''),
      });
    `);
    const { evidence } = await run(config, []);
    const [result] = evidence.scenarios;
    const { sent, acknowledged, refused, failed } = result!.workload!;
    expect(sent).toBeGreaterThan(2);
    expect(acknowledged + refused + failed).toBe(sent);
    expect(Math.abs(acknowledged - refused)).toBeLessThanOrEqual(1);
    expect(result!.integrity).toBe(
      `${acknowledged} orders acknowledged: 0 missing from the ledger at http://127.0.0.1, 0 still unfilled after a drain of up to 200 ms, 0 filled more than once`,
    );
    expect(result!.measured).toMatchObject({ dataLoss: 0, duplicates: 0 });
  });

  it('refuses a module with no default export, naming it, before anything is provisioned', async () => {
    const { config, file } = await withWorkload('export function createWorkload() {}\n');
    const log: string[] = [];
    const error = await run(config, log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toBe(
      'config fixtures/ats/firedrill.config.ts has 1 problem; nothing was started:\n' +
        `  fixtures/ats/firedrill.config.ts: workload: ${file}: expected a module whose default export is a function (context) => WorkloadAdapter; ` +
        'it has no default export (it exports createWorkload)',
    );
    expect(log).toEqual([]);
  });

  it('refuses a default export that is not a function, before anything is provisioned', async () => {
    const { config, file } = await withWorkload('export default { place() {}, readBack() {} };\n');
    const log: string[] = [];
    await expect(run(config, log)).rejects.toThrow(`${file}: expected a module whose default export is a function`);
    expect(log).toEqual([]);
  });

  it('errors the scenario, naming the module, when its factory throws on the environment; the environment is torn down', async () => {
    const { config, file } = await withWorkload("export default () => { throw new Error('ORDERS_URL is not among the variables'); };\n");
    const log: string[] = [];
    const [result] = (await run(config, log)).evidence.scenarios;
    expect(result).toMatchObject({
      verdict: 'errored',
      reasons: [
        `the workload did not start: workload ${file}: its default export threw making the adapter: ORDERS_URL is not among the variables`,
      ],
    });
    expect(log).toEqual(['provisioned', 'torn down']);
  });

  it('gives the causes of the Error the factory threw', async () => {
    const { config, file } = await withWorkload(
      "export default () => { throw new Error('cannot reach the orders API', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }); };\n",
    );
    const [result] = (await run(config, [])).evidence.scenarios;
    expect(result?.reasons).toEqual([
      `the workload did not start: workload ${file}: its default export threw making the adapter: cannot reach the orders API (connect ECONNREFUSED 127.0.0.1:9)`,
    ]);
  });

  it('gives a string the factory threw', async () => {
    const { config, file } = await withWorkload("export default () => { throw 'ORDERS_URL unset'; };\n");
    const [result] = (await run(config, [])).evidence.scenarios;
    expect(result?.reasons).toEqual([
      `the workload did not start: workload ${file}: its default export threw making the adapter: ORDERS_URL unset`,
    ]);
  });
});
