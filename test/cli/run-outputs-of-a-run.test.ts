import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeRunOutputs } from '../../src/cli/run-outputs.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { junitSchemaErrors } from '../support/junit-validator.ts';
import { standInEnvironment, startStandInGateway } from '../support/stand-in-environment.ts';
import { standInScenario } from '../support/stand-in-scenario.ts';

// What `firedrill run --junit --summary-md` composes (executeScenarios: runScenarios, then
// writeRunOutputs), on a stand-in environment (an in-process gateway, nothing provisioned):
// a remediation step that prints the environment's password and fails.
const password = 'pw-5e3c1a9b7d';
let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
let dir: string;
beforeAll(async () => {
  gateway = await startStandInGateway();
  dir = await mkdtemp(join(tmpdir(), 'firedrill-run-outputs-'));
});
afterAll(async () => {
  await gateway[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

it("writes the reports of a failed run without the environment's secrets", async () => {
  const runtime: Runtime = {
    name: 'local',
    provision: async () => standInEnvironment({ gatewayUrl: gateway.url, log: [], secrets: [password] }),
  };
  const broken = standInScenario({ remediation: [{ id: 'stand-in.fix', run: `echo "login with ${password} refused" >&2; exit 1` }] });
  const { evidence, reportDir } = await runScenarios([broken], {
    runtime,
    reportDir: join(dir, 'reports'),
    signal: new AbortController().signal,
  });
  expect(evidence.scenarios[0]?.verdict).toBe('failed');

  const outputs = { junit: join(dir, 'junit.xml'), summaryMd: join(dir, 'summary.md') };
  expect(await writeRunOutputs(evidence, join(reportDir, 'evidence.json'), outputs)).toEqual([]);
  const [xml, markdown] = await Promise.all([readFile(outputs.junit, 'utf8'), readFile(outputs.summaryMd, 'utf8')]);
  expect(await junitSchemaErrors(xml)).toEqual([]);
  expect(xml).toMatch(/<failure message="[^"]*stand-in\.fix[^"]*" type="failed">/);
  expect(markdown).toMatch(/^### firedrill: 1 failed\n/);
  expect(`${xml}\n${markdown}`).toContain('[REDACTED]');
  expect(`${xml}\n${markdown}`).not.toContain(password);
  expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'reports', 'summary.md']);
});
