import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { dockerRuntime, localRuntime, type Runtime } from '../../src/index.ts';
import { dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { failUnderCi, underCi } from '../support/docker-required.ts';

// A provisioned environment's sandbox is private: no other user can list it
// or read a file in it, and every file holding one of its secrets is 0600
// (PM2's ecosystem.json holds the database password). Checked as `nobody`
// too, not only by the mode bits. Docker: the containers reach their bind
// mounts (logs, monitoring) without the sandbox being open to them.
const dockerUnavailable = await dockerRuntimeUnavailable('sandbox modes on the docker runtime');
if (dockerUnavailable !== undefined && underCi) failUnderCi('sandbox modes (docker runtime)', dockerUnavailable);
const runtimes: readonly Runtime[] = [localRuntime, ...(dockerUnavailable === undefined ? [dockerRuntime] : [])];

/** Every regular file under `dir` holding any of `secrets`, with its mode. */
async function filesWithSecrets(dir: string, secrets: readonly string[]): Promise<{ file: string; mode: number }[]> {
  const found: { file: string; mode: number }[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => undefined); // a file may go while we look (pids, sockets)
    if (!info?.isFile()) continue;
    const text = await readFile(file, 'latin1').catch(() => '');
    if (secrets.some((secret) => text.includes(secret))) found.push({ file: name, mode: info.mode & 0o777 });
  }
  return found;
}

const asNobody = (...command: string[]) =>
  execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...command], { reject: false });

describe.each(runtimes.map((runtime) => [runtime.name, runtime] as const))('the %s sandbox', (name, runtime) => {
  it('is closed to other users, and every file holding a secret is 0600', { timeout: 60_000 }, async () => {
    await using env = await runtime.provision(new AbortController().signal);
    const dir = (await env.describe()).dir;
    const mode = (await stat(dir)).mode & 0o777;
    expect(mode & 0o007, `sandbox mode ${mode.toString(8)}: others`).toBe(0);
    expect(mode & 0o060, `sandbox mode ${mode.toString(8)}: group may at most pass through`).toBe(0);
    if (name === 'docker') expect(mode).toBe(0o700);
    const holders = await filesWithSecrets(dir, env.secrets());
    if (name === 'local') expect(holders.map((h) => h.file)).toContain('ecosystem.json');
    for (const holder of holders) expect(holder.mode, holder.file).toBe(0o600);
    expect((await asNobody('ls', dir)).exitCode).not.toBe(0);
    for (const holder of holders) expect((await asNobody('cat', join(dir, holder.file))).exitCode, holder.file).not.toBe(0);
  });
});
