// Disaster recovery on one local environment, in order (each test starts where the one before left it):
// continuous WAL archiving is exact (a point-in-time restore has every row committed before the archiver stopped
// and none after), a corrupted base backup is refused before PGDATA is touched, then the total loss
// (loseEverything: nothing of the system runs, its data dirs are gone, the backup store, the fault proxy and
// monitoring are not) and clean hosts (provisionClean: an empty database with the schema, an empty Redis, no
// service), the runbook's dr.restore-postgres-pitr on them, and the services started as the runbook starts them.
// The ops scripts run as runbook steps run them: the environment's variables only, cwd the sandbox.
import { chmod, copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, join, relative as relativePath } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { postgresBin } from '../../src/host/binaries.ts';
import { freePort } from '../../src/host/ports.ts';
import { isRunning } from '../../src/host/process-tree.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { type Environment, localRuntime } from '../../src/index.ts';
import type { Loss } from '../../src/runtime/runtime.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import type { Runbook } from '../../src/runbook/runbook.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';

let env: Environment;
let runbook: Runbook;
let vars: Record<string, string>;
let baseBackup: string;
const asPostgres = ['runuser', '-u', 'postgres', '--'];

const run = (command: string[], overrides: Record<string, string> = {}) =>
  execa(command[0]!, command.slice(1), {
    env: { ...vars, ...overrides },
    extendEnv: false,
    cwd: vars.FIREDRILL_SANDBOX!,
    reject: false,
    timeout: 120_000,
  });
const ops = (script: string) => join(vars.ATS_OPS_DIR!, script);
const admin = () => ({ PGUSER: vars.PGADMIN_USER!, PGPASSWORD: vars.PGADMIN_PASSWORD! });
const psql = async (sql: string, overrides: Record<string, string> = {}) => {
  const result = await execa('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: { ...vars, ...overrides },
    extendEnv: false,
  });
  return result.stdout;
};
const insertOrders = (prefix: string, count: number) =>
  psql(
    `INSERT INTO orders (client_order_id, symbol, side, qty, price, status) SELECT '${prefix}-' || i, 'BTCUSD', 'buy', 1, 100, 'cancelled' FROM generate_series(1, ${count}) i`,
  );
const countOrders = (prefix: string, overrides: Record<string, string> = {}) =>
  psql(`SELECT count(*) FROM orders WHERE client_order_id LIKE '${prefix}-%'`, overrides).then(Number);
/** Switches to a new WAL segment and waits until the archiver has archived the one holding everything committed so far. */
const archiveNow = async () => {
  const segment = await psql('SELECT pg_walfile_name(pg_current_wal_lsn())', admin());
  await psql('SELECT pg_switch_wal()', admin());
  await waitUntil(async () => (await psql('SELECT last_archived_wal FROM pg_stat_archiver', admin())) >= segment, {
    what: `WAL segment ${segment} archived (pg_stat_archiver)`,
    timeoutMs: 20_000,
    intervalMs: 100,
  });
  return segment;
};
const execution = () => ({ variables: vars, secrets: env.secrets(), cwd: vars.FIREDRILL_SANDBOX! });
const inSandbox = (name: string) => join(vars.FIREDRILL_SANDBOX!, name);
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
  env = await localRuntime.provision(new AbortController().signal);
  vars = env.variables();
  const backup = await run([ops('backup-postgres-base.sh'), vars.BACKUP_DIR!], admin());
  expect(backup.exitCode, backup.stderr).toBe(0);
  baseBackup = /verified: (\S+)/.exec(backup.stdout)?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await env?.[Symbol.asyncDispose]();
  if (!vars) return;
  expect(await exists(vars.FIREDRILL_SANDBOX!)).toBe(false);
  expect(await findTaggedProcesses({ id: env.id, dir: vars.FIREDRILL_SANDBOX! })).toEqual([]);
});

describe('continuous WAL archiving', () => {
  it('a point-in-time restore has exactly the rows committed before the archiver stopped', { timeout: 120_000 }, async () => {
    expect(vars.WAL_ARCHIVE_DIR).toBe(join(vars.BACKUP_DIR!, 'wal'));
    expect(await psql("SELECT current_setting('wal_segment_size')", admin())).toBe('1MB');
    await insertOrders('pitr-before', 300);
    await archiveNow();
    // The archiver stops here: the postgres user can no longer write in the archive.
    await chmod(vars.WAL_ARCHIVE_DIR!, 0o500);
    try {
      const failedBefore = Number(await psql('SELECT failed_count FROM pg_stat_archiver', admin()));
      await insertOrders('pitr-after', 200);
      await psql('SELECT pg_switch_wal()', admin());
      await waitUntil(async () => Number(await psql('SELECT failed_count FROM pg_stat_archiver', admin())) > failedBefore, {
        what: 'the archiver failing on the unwritable archive',
        timeoutMs: 20_000,
        intervalMs: 100,
      });

      await mkdir(inSandbox('pitr'));
      await execa('chown', ['postgres:postgres', inSandbox('pitr')]);
      const pgdata = inSandbox('pitr/pgdata');
      // Relative paths, as an operator types them where the step runs: PostgreSQL runs restore_command from PGDATA,
      // so a WAL archive given relative would be found nowhere and recovery would end at the base backup, short.
      const relative = (path: string) => relativePath(vars.FIREDRILL_SANDBOX!, path);
      const restore = await run([
        ...asPostgres,
        ops('restore-postgres-pitr.sh'),
        relative(baseBackup),
        relative(pgdata),
        relative(vars.WAL_ARCHIVE_DIR!),
      ]);
      expect(restore.exitCode, restore.stderr).toBe(0);
      expect(restore.stdout.trim().split('\n').at(-1)).toMatch(
        /^postgres point-in-time restore prepared: .*base-.*\.tar .* as .*pitr\/pgdata, to replay .*wal \(\d+ WAL segments, the last [0-9A-F]{24}\)/,
      );
      const port = String(await freePort());
      const pgCtl = (...args: string[]) => run([...asPostgres, join(postgresBin, 'pg_ctl'), '-D', pgdata, ...args]);
      // Beside the environment's own server: its own port and socket dir, and it archives nothing of its new timeline.
      const options = `-p ${port} -c unix_socket_directories=${pgdata} -c archive_mode=off`;
      const started = await pgCtl('-o', options, '-w', '-t', '60', '-l', join(pgdata, 'restored.log'), 'start');
      expect(started.exitCode, started.stderr).toBe(0);
      try {
        const restored = { PGPORT: port };
        await waitUntil(async () => (await psql('SELECT pg_is_in_recovery()', restored)) === 'f', {
          what: 'the restored server promoted at the end of the archive',
          timeoutMs: 60_000,
          intervalMs: 200,
        });
        expect([await countOrders('pitr-before', restored), await countOrders('pitr-after', restored)]).toEqual([300, 0]);
        expect([await countOrders('pitr-before'), await countOrders('pitr-after')]).toEqual([300, 200]);
      } finally {
        await pgCtl('-m', 'immediate', 'stop');
      }
    } finally {
      await chmod(vars.WAL_ARCHIVE_DIR!, 0o700);
    }
  });

  it('restore-postgres-pitr.sh refuses a corrupted base backup before touching PGDATA', async () => {
    const dir = inSandbox('corrupted');
    await mkdir(dir);
    await chmod(dir, 0o777);
    const file = join(dir, basename(baseBackup));
    await copyFile(`${baseBackup}.b3`, `${file}.b3`);
    const bytes = await readFile(baseBackup);
    bytes[bytes.length >> 1]! ^= 0x01;
    await writeFile(file, bytes);
    const pgdata = inSandbox('postgres/never-restored');
    const refused = await run([...asPostgres, ops('restore-postgres-pitr.sh'), file, pgdata, vars.WAL_ARCHIVE_DIR!]);
    expect([refused.exitCode, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toMatch(/FAILED: checksum mismatch for .*; the backup is corrupt, nothing was restored/);
    expect(await readdir(inSandbox('postgres'))).toEqual(['data', 'postgres.log']);
  });
});

describe('total loss and clean hosts', () => {
  let loss: Loss;
  let ordersAtLoss: number;

  it('loseEverything ends every process of the system and removes its data, leaving the backup store, the network and monitoring', async () => {
    await insertOrders('pitr-last', 50);
    await archiveNow(); // everything committed so far is in the archive (pitr-after too, archived once the archive was writable)
    ordersAtLoss = Number(await psql('SELECT count(*) FROM orders'));
    const archived = await readdir(vars.WAL_ARCHIVE_DIR!);
    const before = await env.describe();
    loss = await env.loseEverything!();

    const components = ['postgres', 'redis', 'pm2', ...env.topology.services.map((service) => service.name)];
    for (const name of components) expect(loss.processes, name).toContainEqual(expect.stringMatching(new RegExp(`^${name} \\d+$`)));
    for (const name of env.topology.componentNames) expect(loss.processes).toContain(`${name} ${before.services[name]!.pid}`);
    const ended = loss.processes.map((entry) => Number(entry.split(' ').at(-1)));
    expect(await Promise.all(ended.map(isRunning))).toEqual(ended.map(() => false));
    const after = await env.describe();
    expect(Object.values(after.services).map((service) => service.pid)).toEqual(env.topology.componentNames.map(() => undefined));
    // What still runs of the sandbox is the network and monitoring, nothing else.
    const left = await findTaggedProcesses({ id: env.id, dir: vars.FIREDRILL_SANDBOX! });
    const commands = await Promise.all(left.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
    expect(commands.map((command) => /prometheus|alertmanager|proxy/.test(command))).toEqual(left.map(() => true));
    expect(left).toEqual(expect.arrayContaining([after.monitoring!.prometheus.pid, after.monitoring!.alertmanager.pid]));

    for (const path of [vars.PGDATA!, vars.PM2_HOME!, vars.LOG_DIR!, inSandbox('redis'), inSandbox('ecosystem.json')]) {
      expect(await exists(path), path).toBe(false);
    }
    expect(loss.removed).toEqual(expect.arrayContaining([inSandbox('postgres'), vars.PM2_HOME!, vars.LOG_DIR!, inSandbox('redis')]));
    // The archive keeps every segment it had; the archiver may have added the next ones before the kill reached it.
    const archivedByTheLoss = await readdir(vars.WAL_ARCHIVE_DIR!);
    expect(archivedByTheLoss).toEqual(expect.arrayContaining(archived));
    const lastListed = archived.toSorted().at(-1)!;
    expect(archivedByTheLoss.filter((name) => !archived.includes(name) && name <= lastListed)).toEqual([]);
    expect(await exists(baseBackup)).toBe(true);
    expect((await fetch(`${vars.FAULT_PROXY_URL}/version`)).status).toBe(200);
    expect((await fetch(`${vars.PROMETHEUS_URL}/-/ready`)).status).toBe(200);
  });

  it('provisionClean gives an empty database with the schema, an empty Redis, and no service running', { timeout: 60_000 }, async () => {
    await env.provisionClean!(new AbortController().signal);
    expect(await psql('SELECT count(*) FROM orders')).toBe('0');
    expect((await execa('redis-cli', ['-p', vars.REDIS_PORT!, 'dbsize'])).stdout).toBe('0');
    const info = await env.describe();
    expect(env.topology.services.map((service) => info.services[service.name]!.pid)).toEqual(env.topology.services.map(() => undefined));
    expect(info.services.postgres!.pid).toBeGreaterThan(0);
    expect(info.services.redis!.pid).toBeGreaterThan(0);
    expect(JSON.parse((await run(['pm2', 'jlist'])).stdout)).toEqual([]);
    expect(JSON.parse(await readFile(inSandbox('ecosystem.json'), 'utf8')).apps.map((app: { name: string }) => app.name)).toEqual(
      env.topology.services.map((service) => service.name),
    );
  });

  it("the runbook's dr.restore-postgres-pitr brings back every archived row, and archiving goes on", { timeout: 120_000 }, async () => {
    const step = await executeStep(toRunbookStep(runbook, stepById(runbook, 'dr.restore-postgres-pitr', 'local')), execution());
    expect(step.exitCode, step.stderr).toBe(0);
    expect(step.expectation?.ok, step.expectation?.detail).toBe(true);
    expect(step.leftRunning ?? []).toEqual([]);
    expect(Number(await psql('SELECT count(*) FROM orders'))).toBe(ordersAtLoss);
    expect([await countOrders('pitr-before'), await countOrders('pitr-after'), await countOrders('pitr-last')]).toEqual([300, 200, 50]);
    expect(await env.service('postgres').pid()).toBeGreaterThan(0);
    const segment = await archiveNow();
    expect(segment.slice(0, 8)).not.toBe('00000001'); // a new timeline's segment, archived
  });

  it('the services start from the ecosystem file as a runbook step starts them, and the system takes an order', {
    timeout: 90_000,
  }, async () => {
    const step = await executeStep(
      { id: 'test.start-services', title: 'start', run: 'cd "$FIREDRILL_SANDBOX"\npm2 start ecosystem.json', timeoutMs: 60_000 },
      { variables: vars, secrets: env.secrets(), cwd: vars.FIREDRILL_SANDBOX! },
    );
    expect(step.exitCode, step.stderr).toBe(0);
    const gateway = env.service('order-gateway');
    await gateway.ensureRunning();
    expect(await gateway.pid()).toBeGreaterThan(0);
    expect((await gateway.supervision()).status).toBe('online');
    const clientOrderId = randomUUID();
    let answer = '';
    await waitUntil(
      async () => {
        const response = await fetch(`${gateway.url}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100, clientOrderId }),
        });
        answer = `${response.status} ${await response.text()}`;
        return response.status === 202;
      },
      { what: 'the gateway acknowledging an order', timeoutMs: 20_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its last answer: ${answer}`);
    });
    await waitUntil(async () => (await psql(`SELECT status FROM orders WHERE client_order_id = '${clientOrderId}'`)) === 'filled', {
      what: `order ${clientOrderId} filled`,
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  });

  it('dr.restore-postgres-pitr fails, naming where recovery ended, when a segment is missing from the archive', {
    timeout: 120_000,
  }, async () => {
    const archived = await readdir(vars.WAL_ARCHIVE_DIR!);
    // A segment after the base backup's end: the backup holds its own WAL up to there, so recovery would read the
    // start of a hidden segment it contains from the backup and end inside that segment, not before it (seen in CI:
    // segment 0C hidden, the backup ending in it, "recovery ended in segment 0C").
    const stops = await Promise.all(
      archived
        .filter((name) => /^00000001[0-9A-F]{16}\.[0-9A-F]{8}\.backup$/.test(name))
        .map(
          async (name) =>
            /STOP WAL LOCATION: .* \(file ([0-9A-F]{24})\)/.exec(await readFile(join(vars.WAL_ARCHIVE_DIR!, name), 'utf8'))?.[1],
        ),
    );
    const backupEnd =
      stops
        .filter((file) => file !== undefined)
        .sort()
        .at(-1) ?? '';
    const timelineOne = archived.filter((name) => /^00000001[0-9A-F]{16}$/.test(name) && name > backupEnd).sort();
    expect(timelineOne.length, `segments archived after the base backup's end (${backupEnd})`).toBeGreaterThanOrEqual(2);
    const hidden = timelineOne[(timelineOne.length - 1) >> 1]!;
    const before = (BigInt(`0x${hidden.slice(8)}`) - 1n).toString(16).toUpperCase().padStart(16, '0');
    await rename(join(vars.WAL_ARCHIVE_DIR!, hidden), inSandbox(hidden));
    const step = await executeStep(toRunbookStep(runbook, stepById(runbook, 'dr.restore-postgres-pitr', 'local')), execution());
    expect(step.exitCode).toBe(1);
    expect(step.stderr).toMatch(
      new RegExp(`recovery ended in segment ${before}, but the archive goes on to [0-9A-F]{16}: a segment after it is missing`),
    );
    expect(step.stdout).not.toMatch(/postgres recovered/);
  });

  it('a provisionClean that fails half-way says why, and teardown (afterAll) still removes everything', { timeout: 60_000 }, async () => {
    await env.loseEverything!();
    await writeFile(vars.PM2_HOME!, 'not a directory'); // PM2 cannot make its home: its daemon fails while postgres and Redis start
    await expect(env.provisionClean!(new AbortController().signal)).rejects.toThrow(/pm2/i);
    expect(await env.service('postgres').pid()).toBeGreaterThan(0);
  });
});
