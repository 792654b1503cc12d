// fixtures/ats/ops/lib.sh's start_verify: the files of an unpacked base backup are split between two pg_verifybackup
// processes, each skipping (--ignore) the other's, so that every file is checked exactly once and the two check about
// as many bytes; past 20,000 files one process checks everything. pg_verifybackup is a stand-in on PATH here that
// writes down the arguments it was given: what is under test is the split, not PostgreSQL's checker (the integration
// tests in backup-restore.integration.test.ts run the real one on real backups).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const lib = join(repoRoot, 'fixtures', 'ats', 'ops', 'lib.sh');
let dir: string;

/** Runs start_verify and finish_verify on `data`; each call of the stand-in, as its argument list. */
async function verifierCalls(data: string): Promise<string[][]> {
  const calls = join(dir, 'calls');
  await mkdir(calls);
  const result = await execa('bash', ['-c', `set -euo pipefail; . "${lib}"; start_verify "$1"; finish_verify`, 'verify-split', data], {
    reject: false,
    stdin: 'ignore', // a socket on stdin makes Debian's bash -c source ~/.bashrc (timed-command.ts)
    extendEnv: false,
    env: { PATH: `${join(dir, 'bin')}:${process.env.PATH!}`, CALLS: calls },
  });
  expect([result.exitCode, result.stderr]).toEqual([0, '']);
  const files = await readdir(calls);
  return Promise.all(files.map(async (file) => (await readFile(join(calls, file), 'utf8')).split('\0').slice(0, -1)));
}

beforeEach(async () => {
  dir = await testTempDir('verify-split');
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'pg_verifybackup'), '#!/bin/sh\nprintf "%s\\0" "$@" > "$CALLS/$$"\n', { mode: 0o755 });
});

const ignored = (call: readonly string[]) => call.filter((arg) => arg.startsWith('--ignore=')).map((arg) => arg.slice(9));

describe('start_verify', () => {
  it('gives each file to one of two checkers, by size, the WAL to neither, names with spaces whole', async () => {
    const data = join(dir, 'data');
    const sizes = new Map<string, number>();
    await mkdir(join(data, 'base', '5'), { recursive: true });
    await mkdir(join(data, 'pg_wal'));
    for (let i = 0; i < 40; i++) sizes.set(`base/5/${16384 + i}`, ((i * 7919) % 97) * 1024 + 1);
    sizes.set('global/pg_control', 8192);
    sizes.set('a name with spaces', 3);
    await mkdir(join(data, 'global'));
    for (const [path, size] of sizes) await writeFile(join(data, path), Buffer.alloc(size));
    await writeFile(join(data, 'pg_wal', '000000010000000000000003'), Buffer.alloc(4096));

    const calls = await verifierCalls(data);
    expect(calls).toHaveLength(2);
    const [parsesWal, skipsWal] = [calls.find((c) => !c.includes('--no-parse-wal'))!, calls.find((c) => c.includes('--no-parse-wal'))!];
    expect([parsesWal, skipsWal].map((c) => c.slice(-2))).toEqual([
      ['--', data],
      ['--', data],
    ]);
    // Each file is skipped by exactly one checker, so the other checks it; nothing under pg_wal is skipped by either.
    expect([...ignored(parsesWal), ...ignored(skipsWal)].sort()).toEqual([...sizes.keys()].sort());
    const bytesChecked = (call: string[]) => [...sizes].reduce((sum, [path, size]) => sum + (ignored(call).includes(path) ? 0 : size), 0);
    expect(Math.abs(bytesChecked(parsesWal) - bytesChecked(skipsWal))).toBeLessThanOrEqual(Math.max(...sizes.values()));
  });

  it('leaves every file to one checker past 20,000 files, whose --ignore options would not fit a command line', async () => {
    const data = join(dir, 'many');
    await mkdir(data);
    for (let start = 0; start < 20_001; start += 1000)
      await Promise.all(Array.from({ length: Math.min(1000, 20_001 - start) }, (_, i) => writeFile(join(data, String(start + i)), '')));
    const calls = await verifierCalls(data);
    expect(calls).toEqual([['--quiet', '--', data]]);
  });
});
