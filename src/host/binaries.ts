/** Where the host's Debian packages put the datastores' programs; the FIREDRILL_* variables point elsewhere. */
export const postgresBin = process.env.FIREDRILL_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const redisServerBin = process.env.FIREDRILL_REDIS_BIN ?? 'redis-server';
