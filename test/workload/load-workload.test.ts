import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../src/config/config-file-error.ts';
import type { SqlClient } from '../../src/probes/sql-client.ts';
import { loadWorkload } from '../../src/workload/load-workload.ts';
import { tempDir } from '../config/config-files.ts';

// A config's workload module, loaded once a run: every way it can be wrong
// is an error naming the config's field and the module.
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function module(source: string): Promise<string> {
  const file = join(dir, `workload-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(file, source);
  return file;
}

const configFile = '/teams/desk/firedrill.config.ts';
const context = { variables: { ATS_URL: 'http://127.0.0.1:1' }, sql: {} as SqlClient };

async function problemOf(file: string): Promise<string> {
  const error = await loadWorkload(file, configFile).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigFileError);
  expect((error as ConfigFileError).file).toBe(configFile);
  expect((error as ConfigFileError).problems).toHaveLength(1);
  const [problem] = (error as ConfigFileError).problems;
  expect(problem!.field).toBe('workload');
  return problem!.message;
}

describe('loadWorkload', () => {
  it("returns the module's default export, which makes the adapter", async () => {
    const file = await module(
      'export default (context) => ({ place: async () => ({ outcome: "refused" }), readBack: async () => [], url: context.variables.ATS_URL });',
    );
    const adapter = (await loadWorkload(file, configFile))(context);
    expect(
      await adapter.place({ clientOrderId: 'c', symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 }, AbortSignal.timeout(1000)),
    ).toEqual({
      outcome: 'refused',
    });
    expect((adapter as unknown as { url: string }).url).toBe('http://127.0.0.1:1');
  });

  it('refuses a module without a default export, listing what it exports', async () => {
    const file = await module('export const createWorkload = () => ({});\nexport const symbols = [];');
    expect(await problemOf(file)).toBe(
      `${file}: expected a module whose default export is a function (context) => WorkloadAdapter; it has no default export (it exports createWorkload, symbols)`,
    );
    expect(await problemOf(await module('// nothing here\n'))).toMatch(/: .*; it has no default export \(it exports nothing\)$/);
  });

  it('refuses a default export that is not a function, saying what it is', async () => {
    expect(await problemOf(await module('export default { place() {}, readBack() {} };'))).toMatch(
      /; its default export is an object \(other exports: none\)$/,
    );
    expect(await problemOf(await module('export default null;\nexport const helper = 1;'))).toMatch(
      /; its default export is null \(other exports: helper\)$/,
    );
  });

  it('refuses a module that does not load, with why', async () => {
    expect(await problemOf(await module('export default (context => ;'))).toMatch(
      /^.*\.ts: expected a module whose .*; importing it failed: /,
    );
    expect(await problemOf(join(dir, 'absent.ts'))).toMatch(/absent\.ts: .*; importing it failed: Cannot find module/);
  });

  it('makes a factory whose errors name the module: when it throws, and when it makes no adapter', async () => {
    const throwing = await loadWorkload(await module('export default () => { throw new Error("needs ATS_URL"); };'), configFile);
    expect(() => throwing(context)).toThrow(/^workload .*\.ts: its default export threw making the adapter: needs ATS_URL$/);
    const noAdapter = await loadWorkload(await module('export default () => ({ place: async () => ({}) });'), configFile);
    expect(() => noAdapter(context)).toThrow(
      /^workload .*\.ts: its default export made something without readBack; expected a WorkloadAdapter \{ place, readBack \}$/,
    );
    const nothing = await loadWorkload(await module('export default async () => ({ place() {}, readBack() {} });'), configFile);
    expect(() => nothing(context)).toThrow(/made something without place and readBack/);
  });
});
