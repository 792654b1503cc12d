import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { loadRunbook } from '../../src/runbook/load-runbook.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { topologyOf } from '../../src/topology/topology.ts';
import { containersOf, dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { redisOutage } from '../../fixtures/second-system/scenarios.ts';

// The second system (fixtures/second-system: a Node order book and a Python
// ticker, every service on PORT, the datastores found through DATABASE_URL
// and REDIS_URL, three links of its own) runs its redis-outage scenario from
// its config on both runtimes: it passes as its runbook is written, and fails,
// naming the step, when the runbook's restart is broken.

const configFile = join(repoRoot, 'fixtures', 'second-system', 'firedrill.config.ts');
const config: LoadedConfig = await loadConfig(configFile);
const dockerUnavailable = await dockerRuntimeUnavailable('second system (docker runtime)', topologyOf(config));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-second-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the second system's redis-outage on `runtime` with its runbook, or with one edited by `breakRunbook`. */
async function drill(runtime: Runtime, breakRunbook?: (text: string) => string) {
  const reportDir = join(dir, `${runtime.name}-${breakRunbook ? 'broken' : 'as-written'}`);
  let runbookFile = config.config.runbook;
  if (breakRunbook) {
    const original = await readFile(runbookFile, 'utf8');
    const broken = breakRunbook(original);
    expect(broken, 'the edit must change the runbook').not.toBe(original);
    runbookFile = join(reportDir, 'RUNBOOK.md');
    await mkdir(reportDir, { recursive: true });
    await writeFile(runbookFile, broken);
  }
  // Alerts are proven by the run as written; with the restart broken they would only delay the step under test.
  const scenario = breakRunbook ? { ...redisOutage, alerts: { fire: [], quiet: [] } } : redisOutage;
  const { evidence } = await runScenarios([scenario], {
    runtime,
    config,
    reportDir,
    runbook: await loadRunbook(runbookFile),
    signal: new AbortController().signal,
  });
  expect(evidenceProblems(JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8')))).toEqual([]);
  return { evidence, result: evidence.scenarios[0]! };
}

function expectPassedAsTheSecondSystem(outcome: Awaited<ReturnType<typeof drill>>) {
  const { evidence, result } = outcome;
  expect(result.verdict, result.reasons.join('; ')).toBe('passed');
  expect(evidence.config).toMatchObject({
    name: 'second-system',
    datastores: [
      { name: 'postgres', version: '15' },
      { name: 'redis', version: '7' },
    ],
    services: ['book', 'ticker'],
  });
  expect(Object.keys(result.environment!.faultProxy.links)).toEqual(['book-db', 'book-cache', 'ticker-cache']);
  expect(result.environment!.services.ticker?.version).toMatch(/^Python 3\./);
  expect(result.measured.detectMs).toBeLessThanOrEqual(5_000);
  expect(result.measured.recoveryMs).toBeLessThanOrEqual(30_000);
}

describe('the second system on the local runtime', () => {
  it('passes redis-outage as its runbook is written: a Python service under PM2, links of its own', { timeout: 180_000 }, async () => {
    const outcome = await drill(localRuntime);
    expectPassedAsTheSecondSystem(outcome);
    expect(await findTaggedProcesses(outcome.result.environment!)).toEqual([]);
  });

  it('fails, naming the step, when the runbook starts Redis on the wrong port', { timeout: 180_000 }, async () => {
    // The step's own wait for PING cut from 10 s to 3 s in the broken copy (the first block, the local one): a Redis on
    // the wrong port never answers on the right one, however long the step waits, so the step fails the same way, its
    // message naming its wait, 7 s sooner. The run as written proves the 10 s wait ample (the step took 54 ms there).
    const { result } = await drill(localRuntime, (text) =>
      text
        .replace('redis-server "$REDIS_CONF"\n', 'redis-server "$REDIS_CONF" --port "$((REDIS_PORT + 1))"\n')
        .replace('deadline=$((SECONDS + 10))', 'deadline=$((SECONDS + 3))')
        .replace('within 10 s" >&2', 'within 3 s" >&2'),
    );
    expect(result.verdict).toBe('failed');
    expect(result.reasons[0]).toMatch(
      /^runbook step "cache\.restart" exited with status 1: redis did not answer PING at redis:\/\/127\.0\.0\.1:\d+ within 3 s/,
    );
    expect(result.measured.recoveryMs).toBeNull();
    expect(await findTaggedProcesses(result.environment!)).toEqual([]);
  });
});

describeWithDocker('the second system on the docker runtime', dockerUnavailable, () => {
  it('passes redis-outage as its runbook is written: the ticker in the Python image', { timeout: 240_000 }, async () => {
    const outcome = await drill(dockerRuntime);
    expectPassedAsTheSecondSystem(outcome);
    expect(outcome.result.environment!.services.ticker?.image?.name).toBe('firedrill/python:3');
    expect(await containersOf(outcome.result.environment!.id)).toEqual([]);
  });

  it('fails, naming the step, when the runbook starts a container that does not exist', { timeout: 240_000 }, async () => {
    const { result } = await drill(dockerRuntime, (text) =>
      text.replace('docker start "$REDIS_CONTAINER"\n', 'docker start "$REDIS_CONTAINER-primary"\n'),
    );
    expect(result.verdict).toBe('failed');
    expect(result.reasons[0]).toMatch(/^runbook step "cache\.restart" exited with status 1: .*No such container/);
    expect(await containersOf(result.environment!.id)).toEqual([]);
  });
});
