/**
 * The datastores a system uses: PostgreSQL and Redis, started by firedrill on
 * loopback (Debian's binaries locally, the given image on docker). Every
 * service gets the variables of each datastore, filled in with how to reach it
 * directly; a link (service-schema.ts) routes one service through the fault proxy instead.
 */
import { z } from 'zod';
import { template } from './placeholders.ts';

/** An environment variable's name; `what` says what it carries, for the message when it is missing. */
export function variableNamed(what = 'an environment variable name, like "GATEWAY_PORT"') {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `expected ${what}; got none` : undefined) })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name, like "GATEWAY_PORT"');
}
export const variableName = variableNamed();

/** A path relative to the config file's directory (absolute also works). */
export const configPath = z
  .string({ error: (issue) => (issue.input === undefined ? 'expected a path, relative to the config file; got none' : undefined) })
  .min(1, 'expected a path, relative to the config file');

const version = z.string().regex(/^\d+(\.\d+)*$/, 'expected a version like "15" or "7.2"');
const docker = z.strictObject({
  image: z.string().regex(/^[a-z0-9][a-z0-9._/-]*(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/, 'expected an image like "firedrill/postgres:15"'),
});

export const postgresPlaceholders = ['host', 'port', 'user', 'password', 'database'] as const;

/** libpq's names and redis-cli's habit: the default variables, and the ones every runbook step gets whatever the config names. */
export const conventionalVariables = {
  postgres: { PGHOST: '{host}', PGPORT: '{port}', PGUSER: '{user}', PGPASSWORD: '{password}', PGDATABASE: '{database}' },
  redis: { REDIS_HOST: '{host}', REDIS_PORT: '{port}' },
} as const;
export const redisPlaceholders = ['host', 'port'] as const;

const postgres = z.strictObject({
  version,
  docker: docker.optional(),
  /** A directory of `NNN_name.sql` files applied once each, in filename order, as the database owner. */
  migrations: configPath.optional(),
  /** One SQL file applied after the migrations. */
  seed: configPath.optional(),
  /** Default: libpq's own names, PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE. */
  variables: z.record(variableName, template(postgresPlaceholders)).default(conventionalVariables.postgres),
});

const redis = z.strictObject({
  version,
  docker: docker.optional(),
  variables: z.record(variableName, template(redisPlaceholders)).default(conventionalVariables.redis),
});

export const datastoresSchema = z.strictObject({ postgres: postgres.optional(), redis: redis.optional() });
export type DatastoreName = keyof z.output<typeof datastoresSchema>;
export const datastoreNames: readonly DatastoreName[] = ['postgres', 'redis'];
