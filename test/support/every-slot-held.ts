/**
 * A bare PostgreSQL in the state pool exhaustion leaves it in at its worst:
 * every slot the application's role may use held by sessions idle in a
 * transaction, and the superuser's reserved slots held by the application's
 * own attempts still authenticating (a backend takes its slot before it
 * authenticates). Those are startup handshakes that never answer the server's
 * SCRAM challenge, held for as long as the test likes; `releaseOne` closes one,
 * and its backend gives the slot back.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { freePort } from '../../src/host/ports.ts';
import { createSandbox, removeSandbox } from '../../src/host/sandbox.ts';
import { createPostgres, type PostgresServer } from '../../src/runtime/local/postgres-server.ts';
import { tooManyConnections } from '../../src/runtime/postgres-connection.ts';
import { appRole } from '../../src/topology/service-env.ts';

export interface EverySlotHeld extends AsyncDisposable {
  readonly server: PostgresServer;
  /** libpq's variables for the superuser, as the runbook's pool-exhaustion steps set them. */
  readonly admin: Record<string, string>;
  /** Closes one held handshake: one reserved slot free again. */
  releaseOne(): void;
  /** How many connections the server has refused for want of a slot so far (it logs each). */
  refusals(): Promise<number>;
  /** Resolves once the server has refused `count` connections in all. */
  untilRefusals(count: number): Promise<void>;
}

export async function everySlotHeld(): Promise<EverySlotHeld> {
  const sandbox = await createSandbox();
  const sessions: pg.Client[] = [];
  const handshakes: Socket[] = [];
  const held: EverySlotHeld = {
    server: await createPostgres(sandbox.dir, sandbox.id, await freePort()).catch(async (error) => {
      await removeSandbox(sandbox);
      throw error;
    }),
    get admin() {
      const { port, adminPassword } = held.server;
      return { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: adminPassword, PGDATABASE: appRole.database };
    },
    releaseOne: () => handshakes.pop()?.destroy(),
    refusals: async () =>
      (await readFile(join(held.server.home, 'postgres.log'), 'utf8')).split('FATAL:  sorry, too many clients already').length - 1,
    async untilRefusals(count) {
      await waitUntil(async () => (await held.refusals()) >= count, {
        what: `${count} connections refused for want of a slot`,
        timeoutMs: 15_000,
      });
    },
    async [Symbol.asyncDispose]() {
      for (const socket of handshakes) socket.destroy();
      await Promise.all(sessions.map((client) => client.end().catch(() => undefined)));
      await removeSandbox(sandbox);
    },
  };
  try {
    const { port, password } = held.server;
    await fewerSlots(held.server);
    // One session at a time, not the fault's fillUntilRefused (eight at once): with that the tests found a slot free once in five runs.
    for (;;) {
      const client = new pg.Client({ host: '127.0.0.1', port, ...appRole, password });
      client.on('error', () => {});
      const refusal = await client.connect().then(
        () => undefined,
        (error: Error & { code?: string }) => error,
      );
      if (refusal?.code === tooManyConnections) break; // the slots left are the superuser's
      if (refusal) throw refusal;
      await client.query('BEGIN; SELECT 1');
      sessions.push(client);
    }
    const superuser = held.server.admin();
    await superuser.connect();
    const { rows } = await superuser
      .query<{ reserved: number }>("SELECT current_setting('superuser_reserved_connections')::int AS reserved")
      .finally(() => superuser.end());
    const reserved = rows[0]?.reserved ?? 0;
    if (reserved < 1) throw new Error(`superuser_reserved_connections is ${reserved}: no reserved slot to hold`);
    for (let i = 0; i < reserved; i++) handshakes.push(await stalledHandshake(port));
    return held;
  } catch (error) {
    await held[Symbol.asyncDispose]();
    throw error;
  }
}

/** 20 slots, not 100: filling them costs an authentication each. */
async function fewerSlots(server: PostgresServer): Promise<void> {
  const superuser = server.admin();
  await superuser.connect();
  await superuser.query('ALTER SYSTEM SET max_connections = 20').finally(() => superuser.end());
  await server.stop('fast');
  await server.start();
}

/** A startup message for the application's role, then silence: its backend holds a slot until the socket closes. */
async function stalledHandshake(port: number): Promise<Socket> {
  const params = Buffer.from(`user\0${appRole.user}\0database\0${appRole.database}\0\0`);
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196_608, 4); // protocol 3.0
  const socket = connect(port, '127.0.0.1');
  socket.write(Buffer.concat([startup, params]));
  const [first] = (await once(socket, 'data')) as [Buffer];
  // 'R' is the authentication request, sent once the backend has its slot; 'E' is a refusal.
  if (first[0] !== 'R'.charCodeAt(0)) {
    socket.destroy();
    throw new Error(`the server did not ask to authenticate: ${first.toString('latin1')}`);
  }
  return socket;
}
