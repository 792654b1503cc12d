// The backups' checksums are BLAKE3 (fixtures/ats/ops/lib.sh): on a machine without b3sum every script says so,
// naming the package, before it takes or restores anything, and leaves nothing behind. PATH here is every command
// of /usr/bin but b3sum; no server is needed, as nothing may get that far.
import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const ops = join(repoRoot, 'fixtures', 'ats', 'ops');
const noB3sum = /FAILED: b3sum is not installed \(Debian's b3sum package\): the backups' checksums are BLAKE3/;
let dir: string;
let bin: string;

beforeAll(async () => {
  dir = await testTempDir('without-b3sum');
  bin = join(dir, 'bin');
  await mkdir(bin);
  for (const name of await readdir('/usr/bin')) if (name !== 'b3sum') await symlink(join('/usr/bin', name), join(bin, name));
});

function run(script: string, args: string[]) {
  return execa('bash', [join(ops, script), ...args], {
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { PATH: bin, PGDATABASE: 'ats', PGHOST: '127.0.0.1', PGPORT: '1', REDIS_PORT: '1', REDIS_CONF: join(dir, 'redis.conf') },
  });
}

describe('the backup scripts without b3sum', () => {
  it.each(['backup-postgres.sh', 'backup-postgres-base.sh', 'backup-redis.sh'])(
    '%s refuses before taking a backup, leaving nothing',
    async (script) => {
      const target = join(dir, `backups-${script}`);
      const result = await run(script, [target]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(noB3sum);
      expect(result.stdout).not.toMatch(/written and verified/);
      expect(existsSync(target)).toBe(false); // refused before the directory was made
    },
  );

  it('restore-postgres.sh and restore-postgres-base.sh refuse a backup with its .b3, naming the package, not a mismatch', async () => {
    const backup = join(dir, 'ats.dump');
    await writeFile(backup, 'not read');
    await writeFile(`${backup}.b3`, `${'a'.repeat(64)}  ats.dump\n`);
    const pgdata = join(dir, 'restored');
    for (const [script, args] of [
      ['restore-postgres.sh', [backup]],
      ['restore-postgres-base.sh', [backup, pgdata]],
    ] as const) {
      const result = await run(script, [...args]);
      expect(result.exitCode, script).toBe(1);
      expect(result.stderr, script).toMatch(noB3sum);
      expect(result.stderr, script).not.toMatch(/checksum mismatch/);
    }
    expect(await readdir(dir)).not.toContain('restored');
    expect(await readdir(dir)).not.toContain('.restored.partial');
  });
});
