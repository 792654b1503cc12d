// fixtures/ats/ops/psql-retry.sh against a real PostgreSQL in the state pool exhaustion leaves it in: every slot the
// application's role may use held by sessions idle in a transaction, and the superuser's reserved slots held by the
// application's own attempts still authenticating (a backend takes its slot before it authenticates). Those are
// held here for as long as the test likes: a startup handshake that never answers the server's SCRAM challenge.
// A plain psql as the superuser is refused, "sorry, too many clients already"; through psql-retry.sh it gets in
// once a slot frees up, and nothing but that refusal is retried.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/host/ports.ts';
import { createSandbox, removeSandbox, type Sandbox } from '../../src/host/sandbox.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { createPostgres, type PostgresServer } from '../../src/runtime/local/postgres-server.ts';
import { appRole } from '../../src/topology/service-env.ts';

const psqlRetry = join(repoRoot, 'fixtures', 'ats', 'ops', 'psql-retry.sh');
const tooManyClients = /FATAL: +sorry, too many clients already/;

let sandbox: Sandbox;
let server: PostgresServer;
const sessions: pg.Client[] = [];
const handshakes: Socket[] = [];

/** The superuser's connection, as the runbook's pool-exhaustion steps set it. */
const asAdmin = () => ({
  PGHOST: '127.0.0.1',
  PGPORT: String(server.port),
  PGUSER: 'postgres',
  PGPASSWORD: server.adminPassword,
  PGDATABASE: appRole.database,
});
const run = (file: string, args: string[], env: Record<string, string> = {}) =>
  execa(file, args, { env: { ...asAdmin(), ...env }, reject: false, timeout: 30_000 });

/** A startup message for the application's role, then silence: its backend holds a slot until the socket closes. */
async function stalledHandshake(): Promise<Socket> {
  const params = Buffer.from(`user\0${appRole.user}\0database\0${appRole.database}\0\0`);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196_608, 4); // protocol 3.0
  const socket = connect(server.port, '127.0.0.1');
  socket.write(Buffer.concat([startup, params]));
  const [first] = (await once(socket, 'data')) as [Buffer];
  // 'R' is the authentication request, sent once the backend has its slot; 'E' is a refusal.
  if (first[0] !== 'R'.charCodeAt(0)) throw new Error(`the server did not ask to authenticate: ${first.toString('latin1')}`);
  return socket;
}

beforeAll(async () => {
  sandbox = await createSandbox();
  server = await createPostgres(sandbox.dir, sandbox.id, await freePort());
  const app = { host: '127.0.0.1', port: server.port, ...appRole, password: server.password };
  for (;;) {
    const client = new pg.Client(app);
    client.on('error', () => {});
    const refusal = await client.connect().then(
      () => undefined,
      (error: Error & { code?: string }) => error,
    );
    if (refusal) {
      expect(refusal.code).toBe('53300'); // the slots left are the superuser's
      break;
    }
    await client.query('BEGIN; SELECT 1');
    sessions.push(client);
  }
  const reserved = Number((await run('psql', ['-X', '-At', '-c', 'SHOW superuser_reserved_connections'])).stdout);
  expect(reserved).toBeGreaterThan(0);
  for (let i = 0; i < reserved; i++) handshakes.push(await stalledHandshake());
}, 60_000);

afterAll(async () => {
  for (const socket of handshakes) socket.destroy();
  await Promise.all(sessions.map((client) => client.end().catch(() => undefined)));
  if (sandbox) await removeSandbox(sandbox);
});

describe('psql-retry.sh while the reserved slots are held by connections still authenticating', () => {
  it('a plain psql as the superuser is refused (what the script is for)', async () => {
    const { exitCode, stderr } = await run('psql', ['-X', '-At', '-c', 'SELECT 1']);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(tooManyClients);
  });

  it('gives up after PSQL_RETRY_ATTEMPTS with the message and exit status of psql', async () => {
    const { exitCode, stdout, stderr } = await run(psqlRetry, ['-X', '-At', '-c', 'SELECT 1'], { PSQL_RETRY_ATTEMPTS: '2' });
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^psql-retry\.sh: no connection slot free \(try 1 of 2\), trying again in 0\.5 s: FATAL: +sorry, too many clients already\n/,
    );
    expect(stderr).not.toContain('try 2 of 2');
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(tooManyClients);
  });

  it('gets in once a slot frees up, and runs the statement once', async () => {
    const retrying = run(psqlRetry, ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-c', "SELECT 'in as ' || current_user"]);
    await sleep(1200); // it has been refused at least twice by now
    handshakes.pop()?.destroy(); // the backend sees the socket close and gives its slot back
    const { exitCode, stdout, stderr } = await retrying;
    expect(stderr).toMatch(/^psql-retry\.sh: no connection slot free \(try 1 of 10\)/);
    expect(stderr).toContain('(try 2 of 10)');
    expect(stderr).not.toMatch(/^FATAL|^psql: error/m);
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: 'in as postgres' });
  });
});

describe('psql-retry.sh retries nothing else', () => {
  it('an SQL error fails at once, as psql does', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-v', 'ON_ERROR_STOP=1', '-c', 'SELEC 1']);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^ERROR: +syntax error at or near "SELEC"/);
    expect(stderr).not.toContain('psql-retry.sh');
  });

  it('a wrong password fails at once, as psql does', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-c', 'SELECT 1'], { PGPASSWORD: 'wrong' });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/password authentication failed for user "postgres"/);
    expect(stderr).not.toContain('psql-retry.sh');
  });

  it('a PSQL_RETRY_ATTEMPTS that is no count is an error naming it', async () => {
    const { exitCode, stderr } = await run(psqlRetry, ['-X', '-c', 'SELECT 1'], { PSQL_RETRY_ATTEMPTS: 'five' });
    expect(exitCode).toBe(2);
    expect(stderr).toBe("psql-retry.sh: PSQL_RETRY_ATTEMPTS must be a whole number of tries, not 'five'");
  });
});
