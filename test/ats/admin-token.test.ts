import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { adminToken } from '../../fixtures/ats/order-gateway/admin-token.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// The gateway's admin token file: the first gateway to start creates it, the
// others (blue/green, a cluster) read the same token, even when they all start
// at once.
const dir = await testTempDir('admin-token');

describe('adminToken', () => {
  it('gives gateways starting at the same moment one whole token, and leaves nothing else behind', async () => {
    // Threads, not calls in one event loop: the race is the file system's, and
    // one loop's calls take their turns too politely to show it.
    const rounds = 200;
    const starters = 4;
    const barrier = new SharedArrayBuffer(4 * rounds);
    const starting = Array.from({ length: starters }, () => {
      const worker = new Worker(new URL('./admin-token-starters.ts', import.meta.url), { workerData: { dir, rounds, starters, barrier } });
      return new Promise<string[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    });
    const outcomes = await Promise.all(starting);
    expect(outcomes.flat().filter((outcome) => outcome.startsWith('error: '))).toEqual([]);
    for (let round = 0; round < rounds; round += 1) {
      const tokens = new Set(outcomes.map((each) => each[round]));
      expect([...tokens], `round ${round}`).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect((await stat(join(dir, `token-${round}`))).mode & 0o777).toBe(0o600);
    }
    expect((await readdir(dir)).filter((name) => !/^token-\d+$/.test(name))).toEqual([]);
  });

  it('uses a token an operator wrote, and refuses one shorter than 16 characters, naming the file', async () => {
    const file = join(dir, 'written');
    await writeFile(file, 'an-operators-own-token\n');
    expect(await adminToken(file)).toBe('an-operators-own-token');
    await writeFile(file, 'short\n');
    await expect(adminToken(file)).rejects.toThrow(`the admin token in ${file} is shorter than 16 characters`);
  });
});
