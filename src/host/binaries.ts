/** Where the host's Debian packages put the datastores' programs; the FIREDRILL_* variables point elsewhere. */
export const postgresBin = process.env.FIREDRILL_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const redisServerBin = process.env.FIREDRILL_REDIS_BIN ?? 'redis-server';
/** Debian's nginx (the blue/green front). */
export const nginxBin = process.env.FIREDRILL_NGINX_BIN ?? '/usr/sbin/nginx';
