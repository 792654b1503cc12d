import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dirs.ts';

const firedrill = (...args: string[]) => execa(process.execPath, ['src/cli/main.ts', ...args], { reject: false });

describe('firedrill CLI', () => {
  it('--help answers with the commands and the exit codes', async () => {
    const { exitCode, stdout } = await firedrill('--help');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/run \[options\] \[scenario\.\.\.\]/);
    expect(stdout).toMatch(/2 +configuration error/);
  });

  it('lists the scenarios and suites', async () => {
    const { exitCode, stdout } = await firedrill('list');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('redis-outage');
    expect(stdout).toContain('release-gate: redis-outage, exchange-rate-limit, redis-latency, postgres-partition');
  });

  it.each([
    [
      ['run', 'no-such-scenario'],
      /Unknown scenario "no-such-scenario"; known scenarios: redis-outage, exchange-rate-limit, redis-latency, postgres-partition/,
    ],
    [['run', '--suite', 'nightly'], /Unknown suite "nightly"; known suites: release-gate/],
    [['run', '--runtime', 'vmware'], /argument 'vmware' is invalid. Allowed choices are local/],
    [['run', '--no-such-flag'], /unknown option '--no-such-flag'/],
  ])('exits 2, not 1, on a configuration error: %j', async (args, message) => {
    const { exitCode, stderr } = await firedrill(...args);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 naming the file when --runbook does not exist', async () => {
    const { exitCode, stderr } = await firedrill('run', 'redis-outage', '--runbook', '/nonexistent/RUNBOOK.md');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('/nonexistent/RUNBOOK.md: does not exist');
  });

  it('exits 2 before anything starts when a scenario names a step the runbook lacks, listing the known ids', async () => {
    const dir = await testTempDir('cli');
    const runbook = (await readFile('fixtures/runbook/RUNBOOK.md', 'utf8')).replaceAll('{id=redis.restart', '{id=redis.restart-now');
    await writeFile(join(dir, 'RUNBOOK.md'), runbook);
    const { exitCode, stderr } = await firedrill('run', 'redis-outage', '--runbook', join(dir, 'RUNBOOK.md'));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(
      /RUNBOOK\.md: scenario "redis-outage" remediation\[0\]: step "redis\.restart" not found; known ids: .*redis\.restart-now/,
    );
  });

  it('reports a scenario that does not apply on the runtime skipped, saying why, starting nothing, and exits 3 (nothing proven)', async () => {
    const dir = await testTempDir('cli');
    const { exitCode, stdout } = await firedrill('run', 'pm2-double-spawn', '--runtime', 'docker', '--report-dir', dir, '--no-history');
    expect(stdout).toContain(
      '  skipped: not applicable on the docker runtime (it runs on: local): PM2 supervises the services only on the local runtime',
    );
    expect(stdout).not.toContain('provisioned');
    expect(exitCode).toBe(3);
    expect(await readdir(dir)).not.toContain('history.sqlite'); // --no-history
  });
});
