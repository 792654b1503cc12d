/**
 * Starts PostgreSQL on a restored data directory (a base backup unpacked), on a
 * free port, and waits until it accepts connections: a base backup starts as a
 * crashed cluster does, so PostgreSQL first syncs the whole directory to disk
 * (whatever of the unpacking is not there yet) and replays the WAL the backup
 * holds; the time to ready is those two.
 * Archiving is off for it (the source's archive_command would write into the
 * source's archive). Stopped by the returned function (immediate: nothing to keep).
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { postgresBin } from '../host/binaries.ts';
import { freePort } from '../host/ports.ts';

export interface RestoredPostgres {
  readonly port: number;
  /** From pg_ctl start to accepting connections. */
  readonly startMs: number;
  stop(): Promise<void>;
}

const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups'];

export async function startRestoredPostgres(pgdata: string): Promise<RestoredPostgres> {
  await execa('chown', ['-R', 'postgres:postgres', pgdata]);
  const port = await freePort();
  const pgCtl = (...args: string[]) =>
    execa('setpriv', [...asPostgres, join(postgresBin, 'pg_ctl'), '-D', pgdata, ...args], { stdin: 'ignore' });
  const started = performance.now();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${pgdata} -c archive_mode=off`;
  const stop = async () => void (await pgCtl('-m', 'immediate', '-w', 'stop'));
  try {
    await pgCtl('-o', options, '-w', '-t', '600', '-l', join(pgdata, 'restored.log'), 'start');
  } catch (error) {
    // pg_ctl may give up waiting on a server that did start: stop it, keeping the first error.
    await stop().catch(() => {});
    throw new Error(`PostgreSQL did not start on the restored data directory ${pgdata}: ${(error as Error).message}`, { cause: error });
  }
  return { port, startMs: performance.now() - started, stop };
}
