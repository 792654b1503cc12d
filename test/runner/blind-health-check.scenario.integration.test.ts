import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { acknowledgedOrdersIntegrity, localRuntime, runScenarios } from '../../src/index.ts';
import { loadRunbook } from '../../src/runbook/load-runbook.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';

// The classic blind spot: a health check that asks each service whether it is
// alive (/healthz) but not whether it can work (/readyz, its dependencies).
// During a Redis outage it says "healthy", and the drill must say so.
describe('redis-outage against a runbook whose health check only asks /healthz', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails: the health check passed while the fault was on', { timeout: 120_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-blind-health-'));
    const text = await readFile(defaultRunbookPath, 'utf8');
    const start = text.indexOf('```bash {id=health.check');
    const end = text.indexOf('```\n', text.indexOf('\n', start)) + 4;
    const blind = [
      '```bash {id=health.check timeout=30s expect-output="^all ATS services healthy$"}',
      'set -euo pipefail',
      'curl -sSf "$ATS_URL/healthz" > /dev/null',
      'echo "all ATS services healthy"',
      '```\n',
    ].join('\n');
    const runbookFile = join(dir, 'RUNBOOK.md');
    await writeFile(runbookFile, text.slice(0, start) + blind + text.slice(end));
    const scenario = { ...redisOutage, alerts: { fire: [], quiet: [] }, integrity: acknowledgedOrdersIntegrity({ drainMs: 1_000 }) };
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      reportDir: join(dir, 'reports'),
      runbook: await loadRunbook(runbookFile),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    expect(result?.reasons).toEqual([
      'health check during the fault (health.check): it passed while the fault was on: "all ATS services healthy"',
    ]);
    const checks = result?.checks.filter((c) => c.name.startsWith('health check')) ?? [];
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['health check during the fault (health.check)', false],
      ['health check after recovery (health.check)', true],
    ]);
    expect(checks[0]?.transcript?.stdout).toBe('all ATS services healthy');
  });
});
