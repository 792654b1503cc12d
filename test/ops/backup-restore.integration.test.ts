// The fixture ATS's backup and restore scripts (fixtures/ats/ops), run as a runbook step runs them (the environment's
// variables only, cwd the sandbox, found through the config's ATS_OPS_DIR) against one real local environment: a
// round trip restores the same rows and values; every way a backup can go wrong (no server, a directory it cannot
// create or write, a full disk) exits non-zero with no success line and leaves nothing behind; a corrupted backup
// is refused by its checksum before anything is touched.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBin } from '../../src/host/binaries.ts';
import { freePort } from '../../src/host/ports.ts';
import { type Environment, localRuntime } from '../../src/index.ts';
import { underCi } from '../support/docker-required.ts';
import { mountTestFilesystems, type TestFilesystems } from './test-filesystems.ts';

const success = /written and verified|restore complete/;
let env: Environment;
let vars: Record<string, string>;
type Run = Awaited<ReturnType<typeof run>>;
let pgBackup: Run;
let redisBackup: Run;
let redisDigestAtBackup: string;
// Mounted before the tests are collected, so that a machine where they cannot be skips (or, under CI, fails) those tests.
const filesystems: TestFilesystems = await mountTestFilesystems();
const withoutFilesystems = filesystems.problem !== undefined && !underCi;
if (withoutFilesystems) console.warn(`skipping the read-only and full-disk tests: ${filesystems.problem}`);

const run = (script: string, args: string[], overrides: Record<string, string> = {}) =>
  execa(join(vars.ATS_OPS_DIR!, script), args, {
    env: { ...vars, ...overrides },
    extendEnv: false,
    cwd: vars.FIREDRILL_SANDBOX!,
    reject: false,
    timeout: 60_000,
  });
const psql = async (sql: string, overrides: Record<string, string> = {}) => {
  const result = await execa('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: { ...vars, ...overrides },
    extendEnv: false,
  });
  return result.stdout;
};
const asAdmin = { PGUSER: 'PGADMIN_USER', PGPASSWORD: 'PGADMIN_PASSWORD' } as const;
const admin = () => Object.fromEntries(Object.entries(asAdmin).map(([name, from]) => [name, vars[from]!]));
const redis = async (...args: string[]) => (await execa('redis-cli', ['-p', vars.REDIS_PORT!, ...args])).stdout;
const ordersDigest = (database: string, overrides: Record<string, string> = {}) =>
  psql("SELECT count(*) || ' ' || md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o", { PGDATABASE: database, ...overrides });
const keysDigest = () =>
  redis('EVAL', "local t = {} for i = 1, 200 do t[i] = redis.call('GET', 'bk:' .. i) or '' end return redis.sha1hex(table.concat(t))", '0');
const backupFile = (stdout: string) => /verified: (\S+)/.exec(stdout)?.[1] ?? '';
const sandboxDir = (name: string) => join(vars.FIREDRILL_SANDBOX!, name);

beforeAll(async () => {
  env = await localRuntime.provision(new AbortController().signal);
  vars = env.variables();
  // Enough that neither backup fits in the 64 KiB disk: random uuids and md5s, 200 KB of random bytes (RDB compression cannot shrink them).
  await psql(
    "INSERT INTO orders (client_order_id, symbol, side, qty, price, status) SELECT 'bk-' || md5(random()::text), 'BTCUSD', 'buy', i, 100, 'cancelled' FROM generate_series(1, 5000) i",
  );
  await redis(
    'EVAL',
    "for i = 1, 200 do local s = {} for j = 1, 1000 do s[j] = string.char(math.random(0, 255)) end redis.call('SET', 'bk:' .. i, table.concat(s)) end",
    '0',
  );
  // One backup of each, taken once: the round trips restore them, the refusals corrupt copies of them.
  redisDigestAtBackup = await keysDigest();
  [pgBackup, redisBackup] = [
    await run('backup-postgres.sh', [sandboxDir('backups')]),
    await run('backup-redis.sh', [sandboxDir('backups')]),
  ];
}, 120_000);

afterAll(async () => {
  await env?.[Symbol.asyncDispose]();
  await filesystems.unmount();
});

describe('backup and restore scripts', () => {
  it('restore a Postgres backup into a fresh database with the same rows', { timeout: 60_000 }, async () => {
    const backup = pgBackup;
    expect(backup.exitCode, backup.stderr).toBe(0);
    const file = backupFile(backup.stdout);
    expect(backup.stdout.trim().split('\n').at(-1)).toMatch(
      /^postgres backup written and verified: .*\.dump \(\d+ bytes, \d+ tables with data, blake3 [0-9a-f]{64}/,
    );
    expect((await execa('b3sum', ['-c', `${file}.b3`], { cwd: sandboxDir('backups') })).stdout).toMatch(/: OK$/);
    await psql('CREATE DATABASE ats_restored OWNER ats', admin());
    const restore = await run('restore-postgres.sh', [file], { PGDATABASE: 'ats_restored' });
    expect(restore.exitCode, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/postgres restore complete: .*into ats_restored .*public\.orders 5000/);
    expect(await ordersDigest('ats_restored')).toBe(await ordersDigest(vars.PGDATABASE!));
  });

  it('restore a Redis backup over changed data, with the same values', { timeout: 60_000 }, async () => {
    const backup = redisBackup;
    expect(backup.exitCode, backup.stderr).toBe(0);
    expect(backup.stdout.trim().split('\n').at(-1)).toMatch(
      /^redis backup written and verified: .*\.rdb \(\d+ bytes, \d+ keys, blake3 [0-9a-f]{64}, copied from /,
    );
    await redis('DEL', 'bk:1', 'bk:2');
    await redis('SET', 'bk:after-backup', 'x');
    const restore = await run('restore-redis.sh', [backupFile(backup.stdout)]);
    expect(restore.exitCode, restore.stderr).toBe(0);
    expect(restore.stdout.trim().split('\n').at(-1)).toMatch(/^redis restore complete: .* answers with \d+ keys$/);
    expect(await keysDigest()).toBe(redisDigestAtBackup);
    expect(await redis('EXISTS', 'bk:after-backup')).toBe('0');
  });

  // Relative paths, as an operator types them in the directory the step runs in (tar's -C options add up: a
  // relative DIR once broke the backup's packing).
  it('restore a base backup as a new data directory that starts with the same rows, paths given relative', {
    timeout: 90_000,
  }, async () => {
    const backup = await run('backup-postgres-base.sh', ['base'], admin());
    expect(backup.exitCode, backup.stderr).toBe(0);
    expect(backup.stdout.trim().split('\n').at(-1)).toMatch(
      /^postgres base backup written and verified: base\/base-.*\.tar \(\d+ bytes, \d+ files and their manifest read back as an archive, blake3 [0-9a-f]{64}/,
    );
    const file = sandboxDir(backupFile(backup.stdout));
    const pgdata = sandboxDir('restored-pgdata');
    const restore = await run('restore-postgres-base.sh', [backupFile(backup.stdout), 'restored-pgdata']);
    expect(restore.exitCode, restore.stderr).toBe(0);
    expect(restore.stdout.trim().split('\n').at(-1)).toMatch(/^postgres base restore complete: .* as .*restored-pgdata \(\d+ files\)/);
    const port = String(await freePort());
    await execa('chown', ['-R', 'postgres:postgres', pgdata]);
    const pgCtl = (...args: string[]) =>
      execa('setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', join(postgresBin, 'pg_ctl'), '-D', pgdata, ...args]);
    await pgCtl('-o', `-p ${port} -c unix_socket_directories=${pgdata}`, '-w', '-t', '30', '-l', join(pgdata, 'restored.log'), 'start');
    try {
      expect(await ordersDigest(vars.PGDATABASE!, { PGPORT: port })).toBe(await ordersDigest(vars.PGDATABASE!));
    } finally {
      await pgCtl('-m', 'immediate', 'stop');
    }
    if (!withoutFilesystems) {
      const full = await run('restore-postgres-base.sh', [file, join(filesystems.full(), 'pgdata')]);
      expect([full.exitCode, full.stdout, full.stderr]).toEqual([
        1,
        '',
        expect.stringMatching(/FAILED: cannot unpack .*No space left|No space left[\s\S]*FAILED: cannot unpack/),
      ]);
      expect(await readdir(filesystems.full())).toEqual([]);
    }
    await (async (bytes) => {
      bytes[bytes.length >> 1]! ^= 0x01;
      await writeFile(file, bytes);
    })(await readFile(file));
    const refused = await run('restore-postgres-base.sh', [file, sandboxDir('not-restored')]);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout).not.toMatch(success);
    expect(refused.stderr).toMatch(/FAILED: checksum mismatch for .*; the backup is corrupt, nothing was restored/);
    expect(await readdir(sandboxDir('not-restored')).catch((error: NodeJS.ErrnoException) => error.code)).toBe('ENOENT');
  });

  // backup-postgres-base.sh appends the WAL and the manifest in place of the two zero blocks pg_basebackup ends base.tar
  // with; a pg_basebackup that ended it with more (as a tar padded to a 10 KiB record does) would hide them behind an
  // end-of-archive marker: the read-back must refuse it.
  it('refuse to publish a base backup whose appended manifest does not read back', { timeout: 60_000 }, async () => {
    const bin = sandboxDir('padding-bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'pg_basebackup'),
      `#!/bin/sh\nset -e\n${join(postgresBin, 'pg_basebackup')} "$@"\nfor arg; do case $arg in --pgdata=*) dir=\${arg#--pgdata=} ;; esac; done\nhead -c 10240 /dev/zero >> "$dir/base.tar"\n`,
      { mode: 0o755 },
    );
    const dir = sandboxDir('padded');
    const padded = await run('backup-postgres-base.sh', [dir], { ...admin(), PATH: `${bin}:${vars.PATH}` });
    expect([padded.exitCode, padded.stdout]).toEqual([1, '']);
    expect(padded.stderr).toMatch(
      /FAILED: the packed backup .*base\.tar does not read back to its end \(its backup_manifest, then the WAL\)/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  // The archive's BLAKE3 hash recomputed after each change, so that only pg_verifybackup stands between the change and the
  // data directory: a changed byte in either of the two largest files (the restore splits the check between two
  // processes, the largest files first, one to each), a file gone from the archive, a file the manifest does not name.
  it('refuse, by pg_verifybackup, a base backup whose files changed after it was taken, naming the file', { timeout: 90_000 }, async () => {
    // Two tables larger than any other file, of different sizes: the two largest files, one for each process.
    await psql(
      'CREATE TABLE split_a AS SELECT g, md5(g::text) AS m FROM generate_series(1, 60000) g; CREATE TABLE split_b AS SELECT g, md5(g::text) AS m FROM generate_series(1, 30000) g',
    );
    const backup = await run('backup-postgres-base.sh', [sandboxDir('base-changed')], admin());
    expect(backup.exitCode, backup.stderr).toBe(0);
    const original = backupFile(backup.stdout);
    const members = (await execa('tar', ['-tvRf', original])).stdout
      .split('\n')
      .map((line) => /^block (\d+): -\S+ \S+ +(\d+) \S+ \S+ (.+)$/.exec(line))
      .filter((match) => match !== null)
      .map(([, block, size, path]) => ({ block: Number(block), size: Number(size), path: path! }))
      .filter((m) => !m.path.startsWith('pg_wal/') && m.path !== 'backup_manifest')
      .sort((a, b) => b.size - a.size);
    const changed = async (name: string, change: (file: string) => Promise<unknown>) => {
      const file = sandboxDir(`base-changed/${name}.tar`);
      await copyFile(original, file);
      await change(file);
      const sum = (await execa('b3sum', ['--no-names', file])).stdout;
      await writeFile(`${file}.b3`, `${sum}  ${basename(file)}\n`);
      const target = sandboxDir(`base-changed/${name}-pgdata`);
      const refused = await run('restore-postgres-base.sh', [file, target]);
      expect(refused.exitCode, refused.stderr).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/FAILED: pg_verifybackup rejects .* once unpacked: nothing was restored/);
      expect(await readdir(target).catch((error: NodeJS.ErrnoException) => error.code)).toBe('ENOENT');
      return refused.stderr;
    };
    const flipByteOf = (member: (typeof members)[number]) => async (file: string) => {
      const bytes = await readFile(file);
      bytes[(member.block + 1) * 512 + (member.size >> 1)]! ^= 0x01;
      await writeFile(file, bytes);
    };
    const [largest, second, smallest] = [members[0]!, members[1]!, members.at(-1)!];
    expect([largest.size > second.size, second.size > members[2]!.size]).toEqual([true, true]);
    expect(await changed('largest', flipByteOf(largest))).toContain(`checksum mismatch for file "${largest.path}"`);
    expect(await changed('second', flipByteOf(second))).toContain(`checksum mismatch for file "${second.path}"`);
    expect(await changed('missing', (file) => execa('tar', ['--delete', '-f', file, smallest.path]))).toContain(
      `"${smallest.path}" is present in the manifest but not on disk`,
    );
    await writeFile(sandboxDir('stray-file'), 'not from the server');
    expect(await changed('extra', (file) => execa('tar', ['-rf', file, '-C', vars.FIREDRILL_SANDBOX!, 'stray-file']))).toContain(
      '"stray-file" is present on disk but not in the manifest',
    );
  });

  describe.each([
    { script: 'backup-postgres.sh', down: 'PGPORT', as: () => ({}) },
    { script: 'backup-postgres-base.sh', down: 'PGPORT', as: admin },
    { script: 'backup-redis.sh', down: 'REDIS_PORT', as: () => ({}) },
  ])('$script fails loudly, with nothing left behind', ({ script, down, as }) => {
    const failsLoudly = async (dir: string, reason: RegExp, overrides: Record<string, string> = {}) => {
      const result = await run(script, [dir], { ...as(), ...overrides });
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout).not.toMatch(success);
      expect(result.stderr).toMatch(reason);
      expect(await readdir(dir).catch(() => [])).toEqual([]);
    };

    it('on a wrong port', async () => {
      await failsLoudly(sandboxDir(`wrong-port-${script}`), /FAILED: .*(did not complete|did not answer)/, {
        [down]: String(await freePort()),
      });
    });
    it('on a directory it cannot create', async () => {
      await writeFile(sandboxDir('a-file'), '');
      await failsLoudly(join(sandboxDir('a-file'), 'backups'), /FAILED: cannot create the backup directory/);
    });
    it.skipIf(withoutFilesystems)('on a read-only directory', async () => {
      await failsLoudly(filesystems.readOnly(), /FAILED: cannot write in the backup directory/);
    });
    it.skipIf(withoutFilesystems)('on a full disk (a 64 KiB tmpfs)', async () => {
      await failsLoudly(filesystems.full(), /No space left on device[\s\S]*FAILED|FAILED: .*No space left on device/);
    });
  });

  it('refuse a corrupted backup by its checksum, touching nothing', { timeout: 60_000 }, async () => {
    const dir = sandboxDir('corrupted');
    await mkdir(dir);
    const corrupted = await Promise.all(
      [pgBackup, redisBackup].map(async (backup) => {
        const file = join(dir, basename(backupFile(backup.stdout)));
        await copyFile(`${backupFile(backup.stdout)}.b3`, `${file}.b3`);
        const bytes = await readFile(backupFile(backup.stdout));
        bytes[bytes.length >> 1]! ^= 0x01;
        await writeFile(file, bytes);
        return file;
      }),
    );
    await psql('CREATE DATABASE ats_untouched OWNER ats', admin());
    await redis('SET', 'bk:sentinel', 'still here');
    const refusedPg = await run('restore-postgres.sh', [corrupted[0]!], { PGDATABASE: 'ats_untouched' });
    const refusedRdb = await run('restore-redis.sh', [corrupted[1]!]);
    for (const refused of [refusedPg, refusedRdb]) {
      expect(refused.exitCode).not.toBe(0);
      expect(refused.stdout).not.toMatch(success);
      expect(refused.stderr).toMatch(
        /FAILED: checksum mismatch for .*: expected [0-9a-f]{64} .*, got [0-9a-f]{64}; the backup is corrupt, nothing was restored/,
      );
    }
    expect(await psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", { PGDATABASE: 'ats_untouched' })).toBe('0');
    expect(await redis('GET', 'bk:sentinel')).toBe('still here');
  });

  it('refuse a backup without its checksum file', async () => {
    const dir = sandboxDir('no-checksum');
    await mkdir(dir);
    const lone = join(dir, 'lone.dump');
    await copyFile(backupFile(pgBackup.stdout), lone);
    const refused = await run('restore-postgres.sh', [lone], { PGDATABASE: 'ats_untouched' });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/FAILED: no checksum file .*lone\.dump\.b3: refusing to restore a backup that cannot be verified/);
  });

  it('refuse a backup with only the .sha256 of the scripts before BLAKE3, saying how to move it over', async () => {
    const dir = sandboxDir('old-checksum');
    await mkdir(dir);
    const old = join(dir, 'old.dump');
    await copyFile(backupFile(pgBackup.stdout), old);
    await writeFile(`${old}.sha256`, `${'0'.repeat(64)}  old.dump\n`);
    const refused = await run('restore-postgres.sh', [old], { PGDATABASE: 'ats_untouched' });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(
      /FAILED: no checksum file .*old\.dump\.b3, only .*old\.dump\.sha256 .*`sha256sum -c` passes .*`b3sum old\.dump > old\.dump\.b3`/,
    );
    expect(await psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", { PGDATABASE: 'ats_untouched' })).toBe('0');
  });
});
