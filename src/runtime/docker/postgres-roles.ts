/**
 * The postgres image makes POSTGRES_USER a superuser. The services must not
 * run as one (as on the local runtime, they use a plain `ats` role that owns
 * its database), so the container's admin role creates that role and
 * database from the host, once, before migrations. Both survive a container
 * restart (the container is restarted, never recreated).
 */
import pg from 'pg';
import { pgAdminUser } from './service-containers.ts';

export async function createAppRole(
  port: number,
  adminPassword: string,
  role: { user: string; password: string; database: string },
): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: pgAdminUser, password: adminPassword, database: 'postgres' });
  await admin.connect();
  try {
    const user = pg.escapeIdentifier(role.user);
    await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD ${pg.escapeLiteral(role.password)}`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(role.database)} OWNER ${user}`);
  } finally {
    await admin.end();
  }
}
