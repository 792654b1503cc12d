// The docker runtime's half of a disaster-recovery drill, on one environment, in order: backups taken, and Postgres's
// WAL archived into the backup store; total loss (loseEverything) leaves no container or data dir of the system but the
// fault proxy, monitoring and the backups (the WAL archive among them);
// clean hosts that fail half-way (Postgres's port taken) leave the system lost, and a retry works; clean hosts
// (provisionClean) give an empty, migrated database, an empty Redis and service containers created but not running;
// the runbook's docker restore refuses a corrupted RDB before touching the container; its point-in-time restore
// (dr.restore-postgres-pitr) refuses a corrupted base backup before touching the container, and otherwise brings back
// exactly what was archived before the archiver stopped; its DR blocks restore Redis and Postgres and start the
// services, after which the handles act on the new containers and the system takes an order; teardown leaves nothing.
import { chmod, copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import type { Environment } from '../../src/index.ts';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import type { Loss } from '../../src/runtime/runtime.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import type { Runbook } from '../../src/runbook/runbook.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import { describeWithDocker } from '../support/docker-required.ts';
import { containersOf, dockerRuntimeUnavailable } from './docker-fixtures.ts';

const unavailable = await dockerRuntimeUnavailable('docker disaster-recovery tests');

let env: Environment;
let vars: Record<string, string>;
let runbook: Runbook;
let monitoringIds: string[];
let loss: Loss;
let ordersAtBackup: string;
let redisDigestAtBackup: string;
let archivedAtBackup: string[];
let baseBackup: string;

const docker = async (...args: string[]) => (await execa('docker', args)).stdout;
const redis = async (...args: string[]) => (await execa('redis-cli', ['-p', vars.REDIS_PORT!, ...args])).stdout;
const psql = async (sql: string) =>
  (await execa('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { env: vars, extendEnv: false })).stdout;
const admin = async (sql: string) =>
  (
    await execa('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
      env: { ...vars, PGUSER: vars.PGADMIN_USER!, PGPASSWORD: vars.PGADMIN_PASSWORD! },
      extendEnv: false,
    })
  ).stdout;
const insertOrders = (prefix: string, count: number) =>
  psql(
    `INSERT INTO orders (client_order_id, symbol, side, qty, price, status) SELECT '${prefix}-' || i, 'BTCUSD', 'buy', 1, 100, 'cancelled' FROM generate_series(1, ${count}) i`,
  );
const countOrders = (prefix: string) => psql(`SELECT count(*) FROM orders WHERE client_order_id LIKE '${prefix}-%'`).then(Number);
/** The named volumes the container mounts (the Postgres image's data volume). */
const volumesOf = async (container: string) =>
  (await docker('inspect', '--format', '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}', container))
    .split(' ')
    .filter(Boolean);
/** What is in the Postgres container's data volume, beside the data dir. */
const dataVolume = async () => (await docker('exec', vars.POSTGRES_CONTAINER!, 'ls', '-A', '/var/lib/postgresql')).split('\n').sort();
const ordersDigest = () => psql("SELECT count(*) || ' ' || md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o");
// 100 keys with values, and one with a TTL (a rate window): what the restore must bring back.
const keysDigest = () =>
  redis('EVAL', "local t = {} for i = 1, 100 do t[i] = redis.call('GET', 'dr:' .. i) or '' end return redis.sha1hex(table.concat(t))", '0');
const walSegments = async () => (await readdir(vars.WAL_ARCHIVE_DIR!)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
const step = (id: string) => executeStep(toRunbookStep(runbook, stepById(runbook, id, 'docker')), stepExecution());
const stepExecution = () => ({ variables: vars, secrets: env.secrets(), cwd: vars.FIREDRILL_SANDBOX! });
const roleOf = async (id: string) => docker('inspect', '--format', '{{index .Config.Labels "firedrill.role"}}', id);
const refuses = (port: string) => execa('redis-cli', ['-p', port, 'PING'], { reject: false }).then((r) => r.stdout !== 'PONG');
const ok = (transcript: Awaited<ReturnType<typeof step>>) => ({
  exitCode: transcript.exitCode,
  expectation: transcript.expectation?.ok,
  stderr: transcript.stderr,
});

describeWithDocker('disaster recovery on the docker runtime', unavailable, () => {
  beforeAll(async () => {
    runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    env = await dockerRuntime.provision(new AbortController().signal);
    vars = env.variables();
    await psql(
      "INSERT INTO orders (client_order_id, symbol, side, qty, price, status) SELECT 'dr-' || i, 'BTCUSD', 'buy', i, 100, 'cancelled' FROM generate_series(1, 500) i",
    );
    await redis('EVAL', "for i = 1, 100 do redis.call('SET', 'dr:' .. i, string.rep(tostring(i), 50)) end", '0');
    await redis('SET', 'dr:window', '1', 'EX', '3600');
    [ordersAtBackup, redisDigestAtBackup] = [await ordersDigest(), await keysDigest()];
    // Postgres archives its WAL into the backup store (1 MB segments, switched after archive_timeout 5 s).
    archivedAtBackup = await waitUntil(async () => ((await walSegments()).length > 0 ? walSegments() : false), {
      what: `a WAL segment archived in ${vars.WAL_ARCHIVE_DIR}`,
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    for (const id of ['backup.postgres', 'backup.redis', 'backup.postgres-base'])
      expect(ok(await executeStep(toRunbookStep(runbook, stepById(runbook, id)), stepExecution()))).toEqual({
        exitCode: 0,
        expectation: true,
        stderr: expect.any(String),
      });
    const ids = await containersOf(env.id);
    monitoringIds = (await Promise.all(ids.map(async (id) => [id, await roleOf(id)] as const)))
      .filter(([, role]) => role === 'prometheus' || role === 'alertmanager')
      .map(([id]) => id);
    expect(monitoringIds).toHaveLength(2);
    baseBackup = (await readdir(vars.BACKUP_DIR!))
      .filter((name) => /^base-.*\.tar$/.test(name))
      .sort()
      .at(-1)!;
  }, 120_000);

  afterAll(async () => {
    await env?.[Symbol.asyncDispose]();
  });

  it('the archiver stops at a known point: what was committed before is archived, what after is not', async () => {
    await insertOrders('pitr-before', 300);
    const segment = await admin('SELECT pg_walfile_name(pg_current_wal_lsn())');
    await admin('SELECT pg_switch_wal()');
    await waitUntil(async () => (await admin('SELECT last_archived_wal FROM pg_stat_archiver')) >= segment, {
      what: `WAL segment ${segment} archived`,
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    // The container's postgres user can no longer write in the archive (kept so through the loss: the rest is lost).
    await chmod(vars.WAL_ARCHIVE_DIR!, 0o500);
    const failed = Number(await admin('SELECT failed_count FROM pg_stat_archiver'));
    await insertOrders('pitr-after', 200);
    await admin('SELECT pg_switch_wal()');
    await waitUntil(async () => Number(await admin('SELECT failed_count FROM pg_stat_archiver')) > failed, {
      what: 'the archiver failing on the unwritable archive',
      timeoutMs: 20_000,
      intervalMs: 100,
    });
  });

  it('loseEverything kills and removes every container and data dir of the system, and keeps the proxy, monitoring and backups', async () => {
    const before = await containersOf(env.id);
    loss = await env.loseEverything!();
    expect(loss.processes.map((p) => p.split(' ')[0]).sort()).toEqual([...env.topology.componentNames].sort());
    expect((await containersOf(env.id)).sort()).toEqual([...monitoringIds].sort());
    expect(before.length).toBe(monitoringIds.length + env.topology.componentNames.length);
    const sandbox = await readdir(vars.FIREDRILL_SANDBOX!);
    expect(sandbox).not.toContain('logs');
    expect(sandbox).not.toContain('order-gateway');
    expect((await readdir(vars.BACKUP_DIR!)).filter((name) => /\.(dump|rdb)$/.test(name))).toHaveLength(2);
    expect((await walSegments()).slice(0, archivedAtBackup.length)).toEqual(archivedAtBackup);
    for (const name of archivedAtBackup) expect((await stat(join(vars.WAL_ARCHIVE_DIR!, name))).size).toBe(1024 * 1024);
    expect(await refuses(vars.REDIS_PORT!)).toBe(true);
    await expect(psql('SELECT 1')).rejects.toThrow(/Connection refused|could not connect/);
    await expect(fetch(`${vars.ATS_URL}/healthz`)).rejects.toThrow();
    // Off the lost hosts: the network (the proxy and its links), monitoring, and the webhook receiver.
    expect(Object.keys(await env.faultProxy().proxies()).sort()).toEqual([...env.topology.linkNames].sort());
    expect((await fetch(`${vars.PROMETHEUS_URL}/-/ready`)).status).toBe(200);
    expect((await fetch(`${vars.ALERTMANAGER_URL}/-/ready`)).status).toBe(200);
    expect(await env.service('postgres').pid()).toBeUndefined();
  });

  it('clean hosts that fail half-way (Postgres cannot bind its port) leave the system lost, and a retry then works', async () => {
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(Number(vars.PGPORT), '127.0.0.1', resolve));
    try {
      await expect(env.provisionClean!(new AbortController().signal)).rejects.toThrow(/firedrill-.*-postgres/);
      expect((await containersOf(env.id)).sort()).toEqual([...monitoringIds].sort());
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await env.provisionClean!(new AbortController().signal);
    await expect(env.provisionClean!(new AbortController().signal)).rejects.toThrow(/need the system lost first.*-postgres/);
  });

  it('clean hosts: an empty database with the schema, an empty Redis, on the same ports and passwords; no service runs', async () => {
    expect(await psql('SELECT count(*) FROM orders')).toBe('0');
    expect(await redis('DBSIZE')).toBe('0');
    // Postgres's cluster in a volume (for the point-in-time restore): only on clean hosts, removed at teardown.
    expect(await volumesOf(vars.POSTGRES_CONTAINER!)).toHaveLength(1);
    for (const service of env.topology.services) {
      expect({ service: service.name, pid: await env.service(service.name).pid() }).toEqual({ service: service.name, pid: undefined });
      expect((await env.service(service.name).supervision()).status).toBe('created');
    }
    const containers = vars.SERVICE_CONTAINERS!.split(' ');
    expect(containers).toEqual(env.topology.services.map((service) => `firedrill-${env.id}-${service.name}`));
    await expect(fetch(`${vars.ATS_URL}/healthz`)).rejects.toThrow();
    expect(await readdir(vars.FIREDRILL_SANDBOX!)).toContain('logs');
  });

  it('restore-redis-container.sh refuses a corrupted RDB before touching the container (checksum, then redis-check-rdb)', async () => {
    await redis('SET', 'untouched', 'yes');
    const startedAt = await docker('inspect', '--format', '{{.State.StartedAt}}', vars.REDIS_CONTAINER!);
    const rdb = (await readdir(vars.BACKUP_DIR!)).find((name) => name.endsWith('.rdb'))!;
    const corrupt = join(vars.FIREDRILL_SANDBOX!, 'corrupt.rdb');
    const bytes = await readFile(join(vars.BACKUP_DIR!, rdb));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(corrupt, bytes);
    await copyFile(join(vars.BACKUP_DIR!, `${rdb}.b3`), `${corrupt}.b3`);
    const restore = () =>
      execa(join(vars.ATS_OPS_DIR!, 'restore-redis-container.sh'), [corrupt], { env: vars, extendEnv: false, reject: false });
    const byChecksum = await restore();
    expect(byChecksum.exitCode).toBe(1);
    expect(byChecksum.stderr).toMatch(/checksum mismatch for .*corrupt\.rdb.*nothing was restored/);
    // A checksum file that matches the corrupt bytes: redis-check-rdb is what refuses it.
    const sum = (await execa('b3sum', ['--no-names', corrupt])).stdout;
    await writeFile(`${corrupt}.b3`, `${sum}  corrupt.rdb\n`);
    const byCheck = await restore();
    expect(byCheck.exitCode).toBe(1);
    expect(byCheck.stderr).toMatch(/redis-check-rdb rejects \S*corrupt\.rdb: \[offset \d+\] .*; nothing was restored/);
    for (const result of [byChecksum, byCheck]) expect(result.stdout).not.toMatch(/restore complete/);
    expect(await docker('inspect', '--format', '{{.State.StartedAt}}', vars.REDIS_CONTAINER!)).toBe(startedAt);
    expect(await redis('GET', 'untouched')).toBe('yes');
  });

  it("the runbook's docker dr.restore-postgres-pitr refuses a corrupted base backup before touching the container", {
    timeout: 60_000,
  }, async () => {
    const startedAt = await docker('inspect', '--format', '{{.State.StartedAt}}', vars.POSTGRES_CONTAINER!);
    // The newest base backup, which the step takes: a byte flipped in the middle (a file's data, in the tar).
    const corrupt = join(vars.BACKUP_DIR!, 'base-99991231T235959Z.tar');
    const bytes = await readFile(join(vars.BACKUP_DIR!, baseBackup));
    bytes[bytes.length >> 1]! ^= 0x01;
    await writeFile(corrupt, bytes);
    const checksum = await readFile(join(vars.BACKUP_DIR!, `${baseBackup}.b3`), 'utf8');
    await writeFile(`${corrupt}.b3`, checksum.replace(baseBackup, 'base-99991231T235959Z.tar'));
    try {
      const byChecksum = await step('dr.restore-postgres-pitr');
      expect([byChecksum.exitCode, byChecksum.stderr]).toEqual([
        1,
        expect.stringMatching(/checksum mismatch for .*base-9999.*nothing was restored/),
      ]);
      // A checksum file that matches the corrupt bytes: pg_verifybackup, in the throwaway container, refuses it.
      const sum = (await execa('b3sum', ['--no-names', corrupt])).stdout;
      await writeFile(`${corrupt}.b3`, `${sum}  base-99991231T235959Z.tar\n`);
      const byVerify = await step('dr.restore-postgres-pitr');
      expect([byVerify.exitCode, byVerify.stderr]).toEqual([
        1,
        expect.stringMatching(/(pg_verifybackup rejects|cannot unpack) \S*base-9999[\s\S]*: \S*-postgres was not touched/),
      ]);
      for (const result of [byChecksum, byVerify]) expect(result.stdout).not.toMatch(/recovered from the WAL archive/);
    } finally {
      await execa('rm', ['-f', corrupt, `${corrupt}.b3`]);
    }
    expect(await docker('inspect', '--format', '{{.State.StartedAt}}', vars.POSTGRES_CONTAINER!)).toBe(startedAt);
    expect(await dataVolume()).toEqual(['firedrill']);
    expect(await psql('SELECT count(*) FROM orders')).toBe('0');
  });

  it("the runbook's docker dr.restore-postgres-pitr brings back exactly what was archived before the archiver stopped", {
    timeout: 120_000,
  }, async () => {
    await chmod(vars.WAL_ARCHIVE_DIR!, 0o700);
    const pitr = await step('dr.restore-postgres-pitr');
    expect(ok(pitr)).toEqual({ exitCode: 0, expectation: true, stderr: expect.any(String) });
    expect(pitr.stdout).toMatch(
      new RegExp(`${baseBackup} and the archive replayed to its last segment \\([0-9A-F]{16}\\), promoted, now writing 00000002`),
    );
    expect([await countOrders('dr'), await countOrders('pitr-before'), await countOrders('pitr-after')]).toEqual([500, 300, 0]);
    expect(await dataVolume()).toEqual(['firedrill', expect.stringMatching(/^firedrill\.replaced-\d{8}T\d{6}Z$/)]);
  });

  it("the runbook's docker dr.restore-redis and dr.restore-postgres bring the backups' data back", { timeout: 60_000 }, async () => {
    const redisStep = await step('dr.restore-redis');
    expect(ok(redisStep)).toEqual({ exitCode: 0, expectation: true, stderr: expect.any(String) });
    expect(redisStep.stdout).toMatch(
      /101 keys, 1 with a TTL\) installed as .*-redis:\/var\/lib\/redis\/dump\.rdb; .* answers with 101 keys/,
    );
    expect(await keysDigest()).toBe(redisDigestAtBackup);
    expect(Number(await redis('TTL', 'dr:window'))).toBeGreaterThan(3000);
    expect(await redis('GET', 'untouched')).toBe(''); // replaced, not merged
    expect(ok(await step('dr.restore-postgres'))).toEqual({ exitCode: 0, expectation: true, stderr: expect.any(String) });
    expect(await ordersDigest()).toBe(ordersAtBackup);
  });

  it("the runbook's docker dr.start-services starts every service; the handles act on the new containers and an order fills", {
    timeout: 90_000,
  }, async () => {
    expect(ok(await step('dr.start-services'))).toEqual({ exitCode: 0, expectation: true, stderr: expect.any(String) });
    for (const service of env.topology.services) {
      expect(await env.service(service.name).pid()).toBeGreaterThan(0);
      expect(await env.service(service.name).supervision()).toMatchObject({ status: 'running', stopped: false });
    }
    const placed = await fetch(`${vars.ATS_URL}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100, clientOrderId: `dr-after-${Date.now()}` }),
    });
    expect(placed.status).toBe(202);
    const { id } = (await placed.json()) as { id: string };
    await waitUntil(async () => ((await (await fetch(`${vars.ATS_URL}/orders/${id}`)).json()) as { status: string }).status === 'filled', {
      what: `order ${id} filled after the restore`,
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    // The created containers carry the services' restart policy: a crash is restarted by the engine.
    const risk = env.service('risk');
    const pid = (await risk.pid())!;
    await risk.kill('SIGKILL');
    await waitUntil(async () => ((await risk.pid()) ?? pid) !== pid, {
      what: 'risk restarted by the engine',
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect((await risk.supervision()).restarts).toBe(1);
  });

  it('teardown leaves no container, no volume, no fault proxy and no sandbox', async () => {
    const dir = vars.FIREDRILL_SANDBOX!;
    const volumes = await volumesOf(vars.POSTGRES_CONTAINER!);
    expect(volumes).toHaveLength(1);
    await env[Symbol.asyncDispose]();
    for (const volume of volumes) await expect(docker('volume', 'inspect', volume)).rejects.toThrow(/no such volume/i);
    expect(await containersOf(env.id)).toEqual([]);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
    await expect(fetch(vars.FAULT_PROXY_URL!)).rejects.toThrow();
  });
});
