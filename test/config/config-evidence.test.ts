import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, hostname, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { standInEnvironment, startStandInGateway } from '../support/stand-in-environment.ts';
import { standInScenario } from '../support/stand-in-scenario.ts';
import { tempDir, validConfig, writeConfig } from './config-files.ts';

// The evidence says which system was drilled: the config file, the hash of
// its bytes, and what it declared; on a stand-in environment, no server.
let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
let dir: string;
beforeAll(async () => {
  gateway = await startStandInGateway();
});
afterAll(() => gateway[Symbol.asyncDispose]());
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const runtime: Runtime = { name: 'local', provision: async () => standInEnvironment({ gatewayUrl: gateway.url, log: [] }) };
const scenario = standInScenario();

const run = (config?: Awaited<ReturnType<typeof loadConfig>>) =>
  runScenarios([scenario], {
    runtime,
    reportDir: join(dir, 'reports'),
    signal: new AbortController().signal,
    ...(config ? { config } : {}),
  });

describe('the evidence of the system under test', () => {
  it('records the config file, its SHA-256, and the datastores, services and links it declared', async () => {
    const file = await writeConfig(dir, validConfig());
    const { reportDir } = await run(await loadConfig(file));
    const written = JSON.parse(await readFile(join(reportDir, 'evidence.json'), 'utf8'));
    expect(written.config).toEqual({
      path: file,
      sha256: createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
      name: 'test-system',
      datastores: [
        { name: 'postgres', version: '15' },
        { name: 'redis', version: '7' },
      ],
      services: ['api', 'quotes'],
      links: [
        { name: 'api-postgres', from: 'api', to: 'postgres', variables: ['DB_PORT'] },
        { name: 'api-quotes', from: 'api', to: 'quotes', variables: ['QUOTES_URL'] },
      ],
    });
    expect(evidenceProblems(written)).toEqual([]);
    expect(evidenceProblems({ ...written, config: { ...written.config, sha256: 'not a hash' } })).toEqual([
      '/config/sha256: must match pattern "^[0-9a-f]{64}$"',
    ]);
  });

  it("records the reference ATS's config when the run is given none", async () => {
    const { evidence } = await run();
    expect(evidence.config?.path).toBe('fixtures/ats/firedrill.config.ts');
    expect(evidence.config?.links.map((link) => `${link.from} → ${link.to}`)).toEqual([
      'order-gateway → postgres',
      'order-gateway → redis',
      'order-gateway → exchange',
      'log-shipper → log-sink',
    ]);
  });

  it('records the host the run ran on', async () => {
    const { evidence } = await run();
    expect(evidence.host).toEqual({
      name: hostname(),
      os: expect.stringContaining(release()),
      cpus: availableParallelism(),
      memoryBytes: totalmem(),
      node: process.version,
    });
    expect(evidenceProblems(evidence)).toEqual([]);
  });
});
