// fixtures/ats/ops/archive-wal.sh, PostgreSQL's archive_command, run as the server runs it (`archive-wal.sh %p %f DIR`)
// on files of a temp dir: it copies a WAL file whole, succeeds again on the same bytes (a retry after a crash), and
// refuses, keeping what the archive holds, different bytes under a name already archived, or an archive that is not there.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const script = join(repoRoot, 'fixtures', 'ats', 'ops', 'archive-wal.sh');
const segment = '000000010000000000000003';
let dir: string;
let archive: string;

const archiveWal = (name: string, archiveDir = archive) =>
  execa(script, [`pg_wal/${name}`, name, archiveDir], { cwd: dir, reject: false, extendEnv: false, env: { PATH: process.env.PATH! } });

beforeEach(async () => {
  dir = await testTempDir('archive-wal');
  archive = join(dir, 'wal');
  await mkdir(join(dir, 'pg_wal'));
  await mkdir(archive);
  await writeFile(join(dir, 'pg_wal', segment), 'segment bytes');
});

describe('archive-wal.sh', () => {
  it('copies the WAL file into the archive under its name, with no temporary file left', async () => {
    const result = await archiveWal(segment);
    expect([result.exitCode, result.stdout]).toEqual([0, `archived ${segment}`]);
    expect(await readFile(join(archive, segment), 'utf8')).toBe('segment bytes');
    expect(await readdir(archive)).toEqual([segment]);
  });

  it('succeeds again on a file archived already with the same bytes', async () => {
    await archiveWal(segment);
    const again = await archiveWal(segment);
    expect([again.exitCode, again.stdout]).toEqual([0, `archived ${segment} (already in ${archive}, identical)`]);
  });

  it('refuses to overwrite an archived file with different bytes, keeping the archived one', async () => {
    await archiveWal(segment);
    await writeFile(join(dir, 'pg_wal', segment), 'other bytes');
    const refused = await archiveWal(segment);
    expect([refused.exitCode, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toMatch(
      /FAILED: .*000000010000000000000003 exists with different contents: refusing to overwrite an archived WAL file/,
    );
    expect(await readFile(join(archive, segment), 'utf8')).toBe('segment bytes');
    expect(await readdir(archive)).toEqual([segment]);
  });

  it('fails, creating nothing, when the archive is not there', async () => {
    const missing = join(dir, 'not-mounted');
    const refused = await archiveWal(segment, missing);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/FAILED: the WAL archive .*not-mounted does not exist/);
    expect((await readdir(dir)).sort()).toEqual(['pg_wal', 'wal']);
  });
});
