/**
 * The backup store on the docker runtime (backup-store.ts): the sandbox's `backups` dir, private to the harness's
 * user, and with postgres its `wal` dir, the WAL archive, bind-mounted into the Postgres container at the same path
 * (postgres-archiving.ts). The server's archive_command writes it as the image's `postgres` user, whose uid and gid
 * are the image's own (102:104 in firedrill's, 999:999 in the official image): asked of the image once per image id,
 * and the dir given to them (by root; a harness run by another user opens it to all instead). It is off the system's hosts: Environment.loseEverything() leaves it.
 */
import { chmod, chown, mkdir } from 'node:fs/promises';
import { execa } from 'execa';
import { backupDirIn, walArchiveDirIn } from '../backup-store.ts';
import { dockerBin } from './docker-bin.ts';
import { requireImage } from './image.ts';

export async function createDockerBackupStore(sandboxDir: string, postgresImage: string | undefined): Promise<void> {
  const backups = backupDirIn(sandboxDir);
  await mkdir(backups, { recursive: true, mode: 0o700 });
  await chmod(backups, 0o700);
  if (!postgresImage) return;
  const wal = walArchiveDirIn(sandboxDir);
  const [{ uid, gid }] = await Promise.all([postgresUser(postgresImage), mkdir(wal, { recursive: true, mode: 0o700 })]);
  try {
    await chown(wal, uid, gid);
    await chmod(wal, 0o700);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    // Not root: the dir cannot be given away, so it is opened to every user (the harness's user can still remove
    // what the container's wrote, at teardown).
    await chmod(wal, 0o777);
  }
}

const users = new Map<string, Promise<{ uid: number; gid: number }>>();

/** The `postgres` user's ids inside `image` (`id postgres` in a throwaway container without network). */
function postgresUser(image: string): Promise<{ uid: number; gid: number }> {
  return requireImage(image).then(({ id }) => {
    let user = users.get(id);
    if (!user) {
      user = execa(dockerBin, ['run', '--rm', '--network', 'none', '--entrypoint', 'id', id, 'postgres']).then(({ stdout }) => {
        const ids = /^uid=(\d+)\S* gid=(\d+)/.exec(stdout);
        if (!ids) throw new Error(`Image ${image}: \`id postgres\` answered "${stdout}": no postgres user to own the WAL archive`);
        return { uid: Number(ids[1]), gid: Number(ids[2]) };
      });
      user.catch(() => users.delete(id));
      users.set(id, user);
    }
    return user;
  });
}
