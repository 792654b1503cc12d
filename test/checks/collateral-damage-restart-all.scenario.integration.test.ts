import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { defaultRunbookPath, loadRunbook } from '../../src/runbook/load-runbook.ts';
import { runOneScenario } from '../support/run-one-scenario.ts';
import { quickForCollateral } from './collateral-quick.ts';

describe('collateral damage of a remediation step: every PM2 service', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-collateral-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails redis-outage when redis.restart also restarts every PM2 service, naming each with its pids', { timeout: 180_000 }, async () => {
    const original = await readFile(defaultRunbookPath, 'utf8');
    const restartAll = original.replace(
      'echo "redis answering on port $REDIS_PORT"\n',
      'echo "redis answering on port $REDIS_PORT"\npm2 restart all\n',
    );
    expect(restartAll).not.toBe(original);
    await writeFile(join(dir, 'RUNBOOK.md'), restartAll);
    const { result: restarted } = await runOneScenario(
      { ...redisOutage, ...quickForCollateral },
      { runbook: await loadRunbook(join(dir, 'RUNBOOK.md')) },
    );
    expect(restarted.verdict, restarted.reason).toBe('failed');
    const damage = restarted.reasons.find((r) => r.startsWith('runbook step "redis.restart" touched what it does not declare'));
    expect(damage, restarted.reason).toBeDefined();
    expect(damage).toContain('(it may touch services redis): restarted or stopped ');
    for (const service of ['exchange', 'order-gateway', 'market-data', 'risk', 'log-sink', 'log-shipper']) {
      expect(damage).toMatch(new RegExp(`${service} \\(pid \\d+ → \\d+\\)`));
    }
    expect(damage).not.toMatch(/redis \(pid|postgres \(pid/);
  });
});
