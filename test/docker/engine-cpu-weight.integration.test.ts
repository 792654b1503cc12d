import { readFile, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { isAlive } from '../../src/host/tagged-processes.ts';

// scripts/docker-engine.sh gives the containers' cgroup (cgroup v1, the engine's cgroupfs driver) eight host
// processes' worth of CPU weight, on an engine it started. Where either does not hold, there is nothing to weigh.
const shares = '/sys/fs/cgroup/cpu/docker/cpu.shares';
const pidFile = '/var/run/firedrill-dockerd.pid';
const why = await (async () => {
  if (process.getuid?.() !== 0) return 'needs root';
  if (!(await readFile(shares, 'utf8').catch(() => undefined))) return `no cgroup v1 cpu controller with ${shares}`;
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (!(pid > 0 && isAlive(pid))) return `no engine started by scripts/docker-engine.sh (${pidFile})`;
  const driver = await execa('docker', ['info', '--format', '{{.CgroupDriver}}'], { reject: false });
  if (driver.stdout.trim() !== 'cgroupfs') return `the engine's cgroup driver is ${driver.stdout.trim() || 'unknown'}, not cgroupfs`;
  return undefined;
})();
if (why) console.warn(`containers' CPU weight test skipped: ${why}`);

describe.skipIf(why !== undefined)("the docker engine's containers' CPU weight", () => {
  test('the bootstrap raises the containers’ cgroup from one session’s weight (1024 shares, autogroup) to eight (8192)', async () => {
    await writeFile(shares, '1024');
    try {
      const result = await execa('bash', ['scripts/docker-engine.sh'], { reject: false });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain("containers' CPU weight: 8192 shares");
      expect((await readFile(shares, 'utf8')).trim()).toBe('8192');
    } finally {
      await writeFile(shares, '8192');
    }
  });
});
