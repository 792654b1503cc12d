/**
 * Redis commands that change the keys they name, the ways to reset the rate
 * gate by hand. Deleting or expiring a key is the plain reset; writing it
 * (SET 0, HSET tokens, DECRBY strikes), trimming it (HDEL, ZREM…), moving it
 * away (RENAME, MOVE) or making it outlive its expiry (PERSIST) resets it as
 * well. Reading it (GET, TTL, HGETALL, ZRANGE …) does not.
 */
export const deletingCommands = new Set(['DEL', 'UNLINK', 'GETDEL', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

export const writingCommands = new Set(
  (
    'SET SETEX PSETEX SETNX SETRANGE GETSET GETEX MSET MSETNX APPEND INCR INCRBY INCRBYFLOAT DECR DECRBY ' +
    'HSET HSETNX HMSET HDEL HINCRBY HINCRBYFLOAT HGETDEL HEXPIRE HPEXPIRE HPERSIST ' +
    'ZADD ZINCRBY ZREM ZREMRANGEBYSCORE ZREMRANGEBYRANK ZREMRANGEBYLEX ZPOPMIN ZPOPMAX BZPOPMIN BZPOPMAX ZMPOP ' +
    'LPUSH RPUSH LPOP RPOP LREM LSET LTRIM LMPOP BLPOP BRPOP SADD SREM SPOP SMOVE XADD XDEL XTRIM SETBIT ' +
    'RENAME RENAMENX MOVE COPY RESTORE PERSIST'
  ).split(' '),
);

/** Any of them as a word in text (commands read from a here-document or a pipe). */
export const changingCommandWord = new RegExp(`\\b(${[...deletingCommands, ...writingCommands].join('|')})\\b`, 'i');
