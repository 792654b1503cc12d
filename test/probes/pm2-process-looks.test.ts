import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pm2Process } from '../../src/host/pm2-processes.ts';
import { declaredApps } from '../../src/probes/pm2-ecosystem.ts';
import { judgeProcessLooks } from '../../src/probes/pm2-process-looks.ts';

const program = '/srv/ats/order-gateway/main.ts';
const proc = (pid: number, app = 'order-gateway', mode = 'fork_mode'): Pm2Process => ({ pid, app, program, mode });
const one = [{ name: 'order-gateway', instances: 1, mode: 'fork' }];

describe('judgeProcessLooks', () => {
  it('holds for the declared process, the same in every look', () => {
    const seen = judgeProcessLooks('order-gateway', one, [[proc(10)], [proc(10)], [proc(10)]], 500);
    expect(seen).toEqual({
      ok: true,
      detail:
        'order-gateway: 1 process in 3 looks over 500 ms: pid 10 as order-gateway (fork); the ecosystem declares order-gateway × 1 (fork)',
    });
  });

  it('fails for a copy under an old name that comes and goes (crash-looping on a taken port), naming each process', () => {
    const renamed = [{ name: 'ats-order-gateway', instances: 1, mode: 'fork' }];
    const looks = [[proc(10, 'ats-order-gateway'), proc(11)], [proc(10, 'ats-order-gateway')], [proc(10, 'ats-order-gateway'), proc(12)]];
    const seen = judgeProcessLooks('order-gateway', renamed, looks, 500);
    expect(seen.ok).toBe(false);
    expect(seen.detail).toBe(
      'order-gateway: 3 processes in 3 looks over 500 ms: pid 10 as ats-order-gateway (fork); pid 11 as order-gateway (fork), in 1 of them; ' +
        'pid 12 as order-gateway (fork), in 1 of them; the ecosystem declares ats-order-gateway × 1 (fork): ' +
        'expected exactly 1 process, as ats-order-gateway × 1 (fork), the same in every look',
    );
  });

  it('fails for two steady copies (cluster mode shares the port), for the old name alone, a wrong mode, and a process replaced mid-window', () => {
    const renamed = [{ name: 'ats-order-gateway', instances: 1, mode: 'cluster' }];
    const both = [proc(10, 'order-gateway', 'cluster_mode'), proc(11, 'ats-order-gateway', 'cluster_mode')];
    expect(judgeProcessLooks('order-gateway', renamed, [both, both], 500).ok).toBe(false);
    expect(judgeProcessLooks('order-gateway', renamed, [[proc(10, 'order-gateway', 'cluster_mode')]], 500).ok).toBe(false);
    expect(judgeProcessLooks('order-gateway', renamed, [[proc(11, 'ats-order-gateway', 'fork_mode')]], 500).ok).toBe(false);
    expect(judgeProcessLooks('order-gateway', one, [[proc(10)], [proc(13)]], 500).ok).toBe(false);
  });

  it('holds for two declared instances, and fails with one of them missing', () => {
    const two = [{ name: 'order-gateway', instances: 2, mode: 'cluster' }];
    const look = [proc(10, 'order-gateway', 'cluster_mode'), proc(11, 'order-gateway', 'cluster_mode')];
    expect(judgeProcessLooks('order-gateway', two, [look, look], 500).ok).toBe(true);
    expect(judgeProcessLooks('order-gateway', two, [look.slice(1)], 500)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('expected exactly 2 processes'),
    });
  });
});

describe('declaredApps', () => {
  const dir = mkdtemp(join(tmpdir(), 'firedrill-ecosystem-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));
  const ecosystem = async (apps: unknown) => {
    const file = join(await dir, `${Math.random()}.json`);
    await writeFile(file, JSON.stringify({ apps }));
    return file;
  };

  it("reads the apps running the program, with PM2's defaults (1 instance, fork) and either spelling of the mode", async () => {
    const file = await ecosystem([
      { name: 'a', script: program },
      { name: 'b', script: program, instances: 2, exec_mode: 'cluster_mode' },
      { name: 'risk', script: '/srv/ats/risk/main.ts' },
    ]);
    expect(await declaredApps(file, program)).toEqual([
      { name: 'a', instances: 1, mode: 'fork' },
      { name: 'b', instances: 2, mode: 'cluster' },
    ]);
  });

  it('refuses an instance count it cannot compare, naming the file and the app', async () => {
    const file = await ecosystem([{ name: 'a', script: program, instances: 'max' }]);
    await expect(declaredApps(file, program)).rejects.toThrow(`${file}: app a declares instances "max"; expected a count (1, 2, …)`);
  });
});
