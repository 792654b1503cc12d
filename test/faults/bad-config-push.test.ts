import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badConfigPush } from '../../src/faults/bad-config-push.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { referenceTopology } from '../../src/topology/topology.ts';

// The bad config push on files, against a stand-in gateway handle (the crash
// loop it causes is the crash-loop scenario's to show, on both runtimes).
const topology = await referenceTopology();
const push = badConfigPush('order-gateway', { fileVariable: 'GATEWAY_OVERRIDES_FILE', lines: ['RATE_LIMIT_PER_SEC=50/s'] });
const signal = new AbortController().signal;

let sandbox: string;
let calls: string[];
let pid: number | undefined;
const file = () => join(sandbox, 'order-gateway', 'overrides.env');
const read = (path: string) => readFile(path, 'utf8').catch(() => undefined);

function standIn(): Environment {
  const handle = {
    pid: async () => pid,
    kill: async (signal: string) => void calls.push(`kill ${signal}`),
    ensureRunning: async () => void calls.push('ensureRunning'),
  };
  return { runtime: 'local', topology, service: () => handle, variables: () => ({ FIREDRILL_SANDBOX: sandbox }) } as unknown as Environment;
}

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'bad-config-push-'));
  await mkdir(join(sandbox, 'order-gateway'));
  calls = [];
  pid = 4242;
});
afterEach(() => rm(sandbox, { recursive: true, force: true }));

describe('badConfigPush', () => {
  it('pushes the lines after what the file held, keeps that as last-good, and restarts the service', async () => {
    await writeFile(file(), 'CLIENT_ID=ats-2\n');
    const injected = await push.inject(standIn(), signal);
    expect(await read(file())).toMatch(/^CLIENT_ID=ats-2\n# pushed by firedrill \(.*\)\nRATE_LIMIT_PER_SEC=50\/s\n$/);
    expect(await read(`${file()}.last-good`)).toBe('CLIENT_ID=ats-2\n');
    expect(calls).toEqual(['kill SIGTERM']);
    expect(injected.description).toBe(
      `bad config push to order-gateway (RATE_LIMIT_PER_SEC=50/s), then SIGTERM (${file()}; pid 4242 signalled; the last good version in ${file()}.last-good)`,
    );
  });

  it('reverts to exactly what was there: no file stays no file, and the service is started if down; twice is harmless', async () => {
    const injected = await push.inject(standIn(), signal);
    expect(await read(`${file()}.last-good`)).toBe(''); // no overrides: the known-good version is an empty file
    await injected.revert();
    await injected.revert();
    expect([await read(file()), await read(`${file()}.last-good`)]).toEqual([undefined, undefined]);
    expect(calls).toEqual(['kill SIGTERM', 'ensureRunning']);
  });

  it('refuses a service that is not running, or a config that names no such file, and changes nothing', async () => {
    pid = undefined;
    await expect(push.inject(standIn(), signal)).rejects.toThrow(
      'Fault "bad config push to order-gateway (RATE_LIMIT_PER_SEC=50/s), then SIGTERM": order-gateway is not running, so nothing would start on the push',
    );
    pid = 4242;
    const noFile = badConfigPush('risk', { fileVariable: 'RISK_OVERRIDES_FILE', lines: ['X=1'] });
    await expect(noFile.inject(standIn(), signal)).rejects.toThrow(
      "risk's config sets no RISK_OVERRIDES_FILE, so there is no settings file to push to; it sets LOG_LEVEL",
    );
    expect([await read(file()), calls]).toEqual([undefined, []]);
  });
});
