/**
 * Which compose images are the datastores firedrill runs itself: PostgreSQL
 * (postgres, TimescaleDB, PostGIS) and Redis (redis, valkey), from any
 * registry, with the server's version read from the tag.
 */
import type { DatastoreName } from '../config/datastore-schema.ts';

export interface DatastoreImage {
  readonly datastore: DatastoreName;
  /** The server's version from the tag (`15` of `postgres:15.4-alpine`, `16` of `timescaledb:2.14.2-pg16`); absent when the tag names none. */
  readonly version?: string;
}

const repositories: Readonly<Record<DatastoreName, readonly string[]>> = {
  postgres: ['postgres', 'timescale/timescaledb', 'timescale/timescaledb-ha', 'postgis/postgis', 'bitnami/postgresql'],
  redis: ['redis', 'redis/redis-stack-server', 'valkey/valkey', 'bitnami/redis', 'bitnami/valkey'],
};

export function datastoreImage(image: string): DatastoreImage | undefined {
  const { repository, tag } = imageParts(image);
  const datastore = (Object.keys(repositories) as DatastoreName[]).find((name) => repositories[name].includes(repository));
  if (datastore === undefined) return undefined;
  // TimescaleDB's tags lead with its own version and name postgres's after "pg": 2.14.2-pg16.
  const version = (/(?:^|-)pg(\d+)/.exec(tag) ?? /^(\d+)/.exec(tag))?.[1];
  return { datastore, ...(version === undefined ? {} : { version }) };
}

/** `registry.example.com:5000/library/postgres:15@sha256:…` → repository `postgres`, tag `15`. */
export function imageParts(image: string): { repository: string; tag: string } {
  const withoutDigest = image.split('@')[0]!.toLowerCase();
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const [name, tag] = colon > slash ? [withoutDigest.slice(0, colon), withoutDigest.slice(colon + 1)] : [withoutDigest, 'latest'];
  const parts = name.split('/');
  // A first part with a dot or a port, or "localhost", is a registry.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return { repository: parts.join('/'), tag };
}
