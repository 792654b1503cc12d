import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, validConfig, writeConfig } from '../config/config-files.ts';
import { firedrillIn } from '../support/firedrill-child.ts';

// The CLI as a child process, against a config that is not the reference ATS
// (services api and quotes): the shipped scenarios name services it lacks.
// An integration test only because `run` first has promtool check the
// config's alert rules; nothing else is started, which the test checks.

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const known = 'known services: postgres, redis, api, quotes';

describe('firedrill run with scenarios naming what the config does not declare', () => {
  it('run exits 2 before anything starts, naming the scenario, each field and the known names', async () => {
    const file = await writeConfig(dir, validConfig());
    const reportDir = join(dir, 'reports');
    const { exitCode, stdout, stderr } = await firedrillIn(dir, 'run', 'redis-outage', '--config', file, '-o', reportDir);
    expect(exitCode).toBe(2);
    expect(stderr.split('\n')).toEqual([
      'firedrill: config firedrill.config.ts does not declare what the scenarios name (2 problems); nothing was started ' +
        '(run them against the system they were written for, or rename to what this config declares):',
      `  redis-outage: steadyState[0] (order-gateway /readyz answers 200) names service "order-gateway"; ${known}`,
      `  redis-outage: detection (order-gateway /readyz answers not ready, naming redis) names service "order-gateway"; ${known}`,
    ]);
    expect(stdout).toBe('');
    // The report dir is made before any environment is provisioned: its absence shows nothing started.
    await expect(access(reportDir)).rejects.toThrow(/ENOENT/);
  });

  it('every selected scenario at once', async () => {
    const file = await writeConfig(dir, validConfig());
    const { exitCode, stderr } = await firedrillIn(
      dir,
      'run',
      'redis-outage',
      'redis-latency',
      '--config',
      file,
      '-o',
      join(dir, 'reports'),
    );
    expect(exitCode).toBe(2);
    expect(stderr).toContain('(6 problems)');
    expect(stderr).toContain(
      '  redis-latency: faults[0] (500 ms (±0) downstream latency on gateway-redis, for 10000 ms) names link "gateway-redis"; known links: api-postgres, api-quotes\n',
    );
  });
});
