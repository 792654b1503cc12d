import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { tempDir, validConfig, writeConfig } from '../config/config-files.ts';
import { firedrillIn } from '../support/firedrill-child.ts';

// The CLI as a child process, against a config that is not the reference ATS
// (services api and quotes): the shipped scenarios name services it lacks.
// `run` checks the config's alert rules with promtool first: its test is
// scenario-names-cli.integration.test.ts.

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('firedrill list against a config the scenarios were not written for', () => {
  it('list marks the scenarios that do not fit the system, and only those', async () => {
    await writeConfig(dir, validConfig());
    const { exitCode, stdout } = await firedrillIn(dir, 'list');
    expect(exitCode).toBe(0);
    const line = (id: string) => stdout.split('\n').find((l) => l.startsWith(`  ${id} `));
    expect(line('redis-outage')).toMatch(
      /\(detect ≤ 5000 ms, recover ≤ 30000 ms\) {2}\[not for this system: it has no service order-gateway\]$/,
    );
    expect(line('redis-latency')).toMatch(/\[not for this system: it has no service order-gateway and no link gateway-redis\]$/);
    const reference = await firedrillIn(repoRoot, 'list');
    expect(reference.stdout).not.toContain('not for this system');
  });
});
