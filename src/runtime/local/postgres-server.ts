/**
 * PostgreSQL 15 for one environment. initdb runs once per machine into a
 * cached template (owned by the `postgres` user, since initdb refuses root;
 * 1 MB WAL segments, so that archiving every few seconds copies little);
 * each environment copies it (~0.1 s) and starts it with pg_ctl on its own
 * loopback port. The server is a daemon tagged with the environment id. Its
 * settings (port, socket dir, continuous WAL archiving into the backup
 * store's WAL_ARCHIVE_DIR) are appended to PGDATA's postgresql.conf, so a
 * runbook step's `pg_ctl -D "$PGDATA" start` brings it up the same way.
 */
import { access, appendFile, chmod, chown, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import pg from 'pg';
import { waitUntil } from '../../clock/wait-until.ts';
import { sandboxRoot } from '../../host/sandbox.ts';
import { archiveWalScript, walArchivingSettings } from '../backup-store.ts';
import { envTagVariable } from '../../host/tagged-processes.ts';
import { postgresBin } from '../../host/binaries.ts';
import { appRole } from '../../topology/service-env.ts';

const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups'];
// v2: 1 MB WAL segments (v1 had initdb's 16 MB).
const templateDir = join(sandboxRoot, 'templates', 'pg15-v2');

export interface PostgresServer {
  readonly port: number;
  /** The server's host directory: PGDATA (`data`) and its log. */
  readonly home: string;
  readonly dataDir: string;
  readonly socketDir: string;
  /** The `ats` role's password. */
  readonly password: string;
  /** The `postgres` superuser's, for TCP logins (runbook steps that need a superuser). */
  readonly adminPassword: string;
  pid(): Promise<number | undefined>;
  start(): Promise<void>;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  admin(): pg.Client;
  /**
   * After the home was removed (Environment.loseEverything): a fresh cluster from the template at the same path,
   * with the same settings and passwords, started. The database setup (migrations) is the caller's.
   */
  recreate(): Promise<void>;
}

/** `archiveDir`: the WAL archive (walArchiveDirIn), which must exist, writable by the postgres user; absent, no archiving (a bare server for a test). */
export async function createPostgres(envDir: string, envId: string, port: number, archiveDir?: string): Promise<PostgresServer> {
  const home = join(envDir, 'postgres');
  const dataDir = join(home, 'data');
  await letPostgresThrough(envDir);
  const initCluster = async () => {
    await ensureTemplate();
    await mkdir(home);
    await chownToPostgres(home);
    await execa('cp', ['-a', templateDir, dataDir]);
    await appendFile(`${dataDir}/postgresql.conf`, serverSettings(port, dataDir, archiveDir));
  };
  const password = randomBytes(18).toString('base64url');
  const adminPassword = randomBytes(18).toString('base64url');
  const env = { ...process.env, [envTagVariable]: envId };
  const pgCtl = (...args: string[]) =>
    execa('setpriv', [...asPostgres, join(postgresBin, 'pg_ctl'), '-D', dataDir, ...args], { env, stdin: 'ignore' });

  const server: PostgresServer = {
    port,
    home,
    dataDir,
    socketDir: dataDir,
    password,
    adminPassword,
    pid: () => postmasterPid(dataDir),
    async start() {
      if (await server.pid()) return;
      await pgCtl('-l', join(home, 'postgres.log'), '-w', '-t', '30', 'start');
    },
    async stop(mode) {
      if (!(await server.pid())) return;
      await pgCtl('-m', mode, '-w', '-t', '30', 'stop');
    },
    admin: () => new pg.Client({ host: dataDir, port, user: 'postgres', database: 'postgres' }),
    async recreate() {
      await initCluster();
      await server.start();
      await setPassword(server);
    },
  };
  await server.recreate();
  return server;
}

function serverSettings(port: number, dataDir: string, archiveDir: string | undefined): string {
  return [
    '',
    '# firedrill environment',
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dataDir}'`,
    `logging_collector = off`,
    ...(archiveDir ? walArchivingSettings(archiveWalScript, archiveDir) : []),
    '',
  ].join('\n');
}

async function setPassword(server: PostgresServer): Promise<void> {
  const client = server.admin();
  await waitUntil(() => client.connect().then(() => true), { what: `PostgreSQL on port ${server.port}`, timeoutMs: 10_000 });
  try {
    await client.query(`ALTER ROLE ${appRole.user} PASSWORD '${server.password}'`);
    await client.query(`ALTER ROLE postgres PASSWORD '${server.adminPassword}'`);
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

let templateBuild: Promise<void> | undefined;

/** initdb once per machine into a template dir, once per process at a time. */
function ensureTemplate(): Promise<void> {
  templateBuild ??= buildTemplate().finally(() => (templateBuild = undefined));
  return templateBuild;
}

/** A half-built template is never visible: it is built aside, then renamed; a concurrent process may win the race. */
async function buildTemplate(): Promise<void> {
  if (await exists(join(templateDir, 'PG_VERSION'))) return;
  const building = `${templateDir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(building, { recursive: true });
  await chownToPostgres(building);
  const run = (bin: string, args: string[], input?: string) =>
    execa('setpriv', [...asPostgres, join(postgresBin, bin), ...args], { input, stdin: input === undefined ? 'ignore' : undefined });
  try {
    await run('initdb', [
      '-D',
      building,
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--wal-segsize=1',
    ]);
    const bootstrapSql = `CREATE ROLE ${appRole.user} LOGIN;\nCREATE DATABASE ${appRole.database} OWNER ${appRole.user};\n`;
    await run('postgres', ['--single', '-D', building, 'postgres'], bootstrapSql);
    await rename(building, templateDir).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await exists(join(templateDir, 'PG_VERSION')))) throw error; // another run won the race: fine
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([execa('id', ['-u', 'postgres']), execa('id', ['-g', 'postgres'])]);
  return { uid: Number(uid), gid: Number(gid) };
}

export async function chownToPostgres(dir: string): Promise<void> {
  const { uid, gid } = await postgresIds();
  await chown(dir, uid, gid);
}

/**
 * The server runs as `postgres` and must reach its data dir inside the private
 * sandbox (0700): the sandbox's group becomes postgres', with search only
 * (0710): it can pass through, not list, and no other user can do either.
 * The same for the backup store, on the way to the WAL archive.
 */
export async function letPostgresThrough(dir: string): Promise<void> {
  const { gid } = await postgresIds();
  await chown(dir, process.getuid?.() ?? 0, gid);
  await chmod(dir, 0o710);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
