// WAL archiving after a disaster recovery by dump, on one environment per runtime (local, then docker when its
// engine and images are there), each test starting where the one before left it: the lost cluster archived its
// segments; loseEverything, provisionClean, the runbook's dr.restore-postgres and dr.start-services; the clean
// cluster's first segment names are the archived ones, so archive-wal.sh refuses them and walArchivingWorks does not
// hold (the stall, failed_count printed); the runbook's dr.resume-archiving sets the lost archive aside, and then it
// holds, a segment of the new cluster is in the archive and a base backup of it exists; a point-in-time restore from
// that base and the new archive (dr.restore-postgres-pitr) brings back a row committed after it.
import { chmod, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { type Environment, localRuntime, type ProbeContext, walArchivingWorks } from '../../src/index.ts';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import { dockerRuntimeUnavailable } from '../docker/docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
const segmentName = /^[0-9A-F]{24}$/;

function archivingAfterRestore(runtime: 'local' | 'docker', provision: (signal: AbortSignal) => Promise<Environment>): void {
  let env: Environment;
  let vars: Record<string, string>;
  let archivedByTheLost: string[];
  let baseBackup: string;

  const psql = async (sql: string) =>
    (
      await execa('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
        env: { ...vars, PGUSER: vars.PGADMIN_USER!, PGPASSWORD: vars.PGADMIN_PASSWORD! },
        extendEnv: false,
      })
    ).stdout;
  const runStep = (id: string) =>
    executeStep(toRunbookStep(runbook, stepById(runbook, id, runtime)), {
      variables: vars,
      secrets: env.secrets(),
      cwd: vars.FIREDRILL_SANDBOX!,
    });
  const step = async (id: string) => {
    const transcript = await runStep(id);
    const said = `${transcript.expectation?.detail ?? ''}\n${transcript.stderr}`;
    expect({ id, exitCode: transcript.exitCode, expected: transcript.expectation?.ok }, said).toMatchObject({
      id,
      exitCode: 0,
      expected: true,
    });
    return transcript.stdout;
  };
  /** Switches to a new segment and waits until the one holding everything committed so far is archived. */
  const archiveNow = async () => {
    const segment = await psql('SELECT pg_walfile_name(pg_current_wal_lsn())');
    await psql('SELECT pg_switch_wal()');
    await waitUntil(async () => (await psql('SELECT last_archived_wal FROM pg_stat_archiver')) >= segment, {
      what: `WAL segment ${segment} archived into ${vars.WAL_ARCHIVE_DIR}`,
      timeoutMs: 30_000,
      intervalMs: 250,
    });
  };
  const archivingWorks = walArchivingWorks(10_000);
  const observe = () => archivingWorks.observe({ env, signal: new AbortController().signal } as unknown as ProbeContext);
  const segmentsIn = async (dir: string) => (await readdir(dir)).filter((name) => segmentName.test(name)).sort();

  beforeAll(async () => {
    env = await provision(new AbortController().signal);
    vars = env.variables();
    // The lost cluster writes and archives (a switch forced: on an idle server archive_timeout switches nothing), then a dump of it is taken.
    await psql(
      "INSERT INTO orders (client_order_id, symbol, side, qty, price, status) SELECT 'lost-' || i, 'BTCUSD', 'buy', 1, 100, 'cancelled' FROM generate_series(1, 200) i",
    );
    await archiveNow();
    await step('backup.postgres');
  }, 180_000);

  afterAll(async () => {
    await env?.[Symbol.asyncDispose]();
  });

  it('after a restore by dump on clean hosts, the new cluster archives nothing: its segment names are in the archive already', {
    timeout: 180_000,
  }, async () => {
    await env.loseEverything!();
    archivedByTheLost = await segmentsIn(vars.WAL_ARCHIVE_DIR!);
    await env.provisionClean!(new AbortController().signal);
    await step('dr.restore-postgres');
    await step('dr.start-services');
    // The clean cluster completes its first segment (in a drill the workload's writes fill it; here nothing writes).
    await psql('SELECT pg_switch_wal()');
    const failed = await waitUntil(
      async () => {
        const [count, wal] = (await psql("SELECT failed_count || ' ' || coalesce(last_failed_wal, '') FROM pg_stat_archiver")).split(' ');
        return Number(count) >= 3 ? { count: Number(count), wal: wal! } : false;
      },
      { what: 'the clean cluster failing to archive a segment three times', timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(archivedByTheLost).toContain(failed.wal); // refused: the lost cluster's segment of that name, other bytes
    const seen = await observe();
    expect(seen.ok, seen.detail).toBe(false);
    expect(seen.detail).toMatch(
      /^no WAL segment archived within 10000 ms: nothing archived since the statistics were reset \(0 archived\); last failed [0-9A-F]{24} /,
    );
    console.log(`[${runtime}] archiving stalled after the restore: ${failed.count} failures on ${failed.wal}; probe: ${seen.detail}`);
    expect(await segmentsIn(vars.WAL_ARCHIVE_DIR!)).toEqual(archivedByTheLost);
  });

  if (runtime === 'local')
    it('dr.resume-archiving fails, naming what, when it cannot set the lost archive aside (the archive read-only)', async () => {
      await chmod(vars.WAL_ARCHIVE_DIR!, 0o500);
      try {
        const refused = await runStep('dr.resume-archiving');
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toMatch(/cannot create \S+\/wal\/lost-\d{8}T\d{6}Z to set the lost cluster's WAL archive aside/);
        expect(refused.stdout).not.toMatch(/WAL archiving resumed/);
      } finally {
        await chmod(vars.WAL_ARCHIVE_DIR!, 0o700);
      }
      expect(await segmentsIn(vars.WAL_ARCHIVE_DIR!)).toEqual(archivedByTheLost);
    });

  it("the runbook's dr.resume-archiving sets the lost archive aside; the new cluster archives into it, with a base backup", {
    timeout: 180_000,
  }, async () => {
    const output = await step('dr.resume-archiving');
    const [, archived, lost, base] =
      /^WAL archiving resumed: ([0-9A-F]{24}\S*) archived into \S+, the lost cluster's archive set aside in (\S+); base backup (\S+)$/m.exec(
        output,
      ) ?? [];
    expect(lost, output).toMatch(new RegExp(`^${vars.WAL_ARCHIVE_DIR}/lost-\\d{8}T\\d{6}Z$`));
    expect(await segmentsIn(lost!)).toEqual(archivedByTheLost);
    const fresh = await segmentsIn(vars.WAL_ARCHIVE_DIR!);
    expect(fresh).toContain(archived!.slice(0, 24));
    expect(await readdir(vars.BACKUP_DIR!)).toEqual(expect.arrayContaining([basename(base!), `${basename(base!)}.b3`]));
    expect(base).toMatch(new RegExp(`^${vars.BACKUP_DIR}/base-\\d{8}T\\d{6}Z\\.tar$`));
    baseBackup = base!;
    await waitUntil(async () => (await observe()).ok, { what: archivingWorks.name, timeoutMs: 20_000, intervalMs: 500 });
    console.log(`[${runtime}] after dr.resume-archiving: ${(await observe()).detail}; ${fresh.length} segments in the new archive`);
  });

  it('a point-in-time restore from the new base backup and archive (dr.restore-postgres-pitr) has a row committed after it', {
    timeout: 180_000,
  }, async () => {
    const marker = `after-resume-${Date.now()}`;
    await psql(
      `INSERT INTO orders (client_order_id, symbol, side, qty, price, status) VALUES ('${marker}', 'BTCUSD', 'buy', 1, 100, 'cancelled')`,
    );
    await archiveNow();
    const output = await step('dr.restore-postgres-pitr');
    expect(output).toMatch(new RegExp(`^postgres recovered from the WAL archive: ${basename(baseBackup)} and the archive replayed`, 'm'));
    expect(await psql(`SELECT count(*) FROM orders WHERE client_order_id = '${marker}'`)).toBe('1');
  });
}

describe('WAL archiving after a restore by dump, local runtime', () =>
  archivingAfterRestore('local', (signal) => localRuntime.provision(signal)));

describeWithDocker(
  'WAL archiving after a restore by dump, docker runtime',
  await dockerRuntimeUnavailable('WAL archiving after a restore, on docker'),
  () => archivingAfterRestore('docker', (signal) => dockerRuntime.provision(signal)),
);
