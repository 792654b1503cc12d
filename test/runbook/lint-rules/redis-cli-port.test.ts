import { describe, expect, it } from 'vitest';
import { flaggedLines, inBlock } from './findings.ts';

const rule = 'redis-cli-port';
const flagged = (code: string) => flaggedLines(rule, code);

describe('redis-cli-port flags a redis-cli that may talk to the default port, however it is written', () => {
  const defaults: [string, string, number][] = [
    ['no option', 'redis-cli ping', 4],
    ['a host but no port', 'redis-cli -h "$REDIS_HOST" info', 4],
    ['a second call on the line', 'redis-cli -p 6380 ping && redis-cli DEL x', 4],
    ['continuation lines', 'echo go\nredis-cli \\\n  -h 127.0.0.1 \\\n  ping', 5],
    ['a REDISCLI_ variable in front (none sets the port)', 'REDISCLI_AUTH="$PW" redis-cli ping', 4],
    ['inside ssh', "ssh cache-1 'redis-cli info replication'", 4],
    ['inside bash -c', 'bash -c "redis-cli ping | grep -q PONG"', 4],
    ['inside xargs', 'echo k | xargs redis-cli del', 4],
    ['inside sudo and docker exec', 'sudo docker exec redis-1 redis-cli ping', 4],
    ['in a command substitution', 'echo "keys: $(redis-cli dbsize)"', 4],
    ['valkey-cli', 'valkey-cli ping', 4],
    ['a URI without a port', 'redis-cli -u redis://127.0.0.1 ping', 4],
    ['a URI in a variable without a port', 'url=redis://:x@cache/0\nredis-cli -u "$url" ping', 5],
    ['a URI around a host variable, with a database', 'redis-cli -u "redis://$REDIS_HOST/0" ping', 4],
    ['a rediss URI', 'redis-cli -u "rediss://$REDIS_HOST" ping', 4],
    ['a URI with user and password', 'redis-cli -u "redis://default:$REDIS_PASSWORD@$REDIS_HOST" ping', 4],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell, not a template
    ['a URI whose host has a default', 'redis-cli -u "redis://${REDIS_HOST:-cache}/0" ping', 4],
    ['inside sudo -iu', 'sudo -iu redis redis-cli ping', 4],
    ['inside runuser', 'runuser -u redis -- redis-cli ping', 4],
    ['in a here-document run by ssh bash -s', "ssh cache-1 bash -s <<'EOF'\nredis-cli info replication\nEOF", 5],
    ['a cluster command given a host without its port', 'redis-cli --cluster check "$REDIS_HOST"', 4],
  ];
  for (const [spelling, code, line] of defaults) it(spelling, () => expect(flagged(code)).toEqual([line]));

  it('says why, and what to write, for each wrong spelling', () => {
    expect(inBlock(rule, 'redis-cli ping')).toEqual([
      '4 redis-cli without -p: name the port (`redis-cli -p "$REDIS_PORT" …`), the default 6379 may be another Redis',
    ]);
    expect(inBlock(rule, 'redis-cli -p6380 ping\nredis-cli --port 6380 ping')).toEqual([
      '4 `-p6380` is not a redis-cli option (it stops with "Unrecognized option"): write `redis-cli -p 6380 …`',
      '5 `--port` is not a redis-cli option (it stops with "Unrecognized option"): write `redis-cli -p "$REDIS_PORT" …`',
    ]);
    expect(inBlock(rule, 'redis-cli PING -p 6380')).toEqual([
      '4 redis-cli reads options only before the Redis command: `-p` after `PING` is sent to Redis as an argument and the call goes to 6379; write `redis-cli -p "$REDIS_PORT" PING …`',
    ]);
    expect(inBlock(rule, 'redis-cli --cluster check "$REDIS_HOST"')).toEqual([
      '4 redis-cli --cluster check names no port, and redis-cli stops ("Invalid address format"): give the node as host:port (`redis-cli --cluster check "$REDIS_HOST:$REDIS_PORT"`)',
    ]);
    expect(inBlock(rule, 'redis-cli -u redis://127.0.0.1/0 ping')).toEqual([
      '4 redis-cli -u redis://127.0.0.1/0 names no port, so it connects to 6379 and the default 6379 may be another Redis: write the port in the URI (redis://127.0.0.1:$REDIS_PORT)',
    ]);
  });
});

describe('redis-cli-port passes a redis-cli that names its Redis', () => {
  it('by -p, a socket, or a URI with its port, literal or in variables', () => {
    expect(
      inBlock(
        rule,
        [
          'redis-cli -p "$REDIS_PORT" ping | grep -q PONG',
          'redis-cli -h cache -p 6380 info',
          'redis-cli -s /run/redis/redis.sock ping',
          'redis-cli -u "redis://127.0.0.1:$REDIS_PORT" info',
          'redis-cli -u rediss://user:"$PW"@[::1]:6380/0 ping',
          'redis-cli -u "$REDIS_URL" ping',
          'url="redis://cache:6380/1"',
          'redis-cli -u "$url" ping',
          '# redis-cli in a comment is prose',
          'echo "run redis-cli -p PORT"',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('a URI without a port next to -p, and cluster commands given host:port (or host and port)', () => {
    expect(
      inBlock(
        rule,
        [
          'redis-cli -u "redis://$REDIS_HOST/0" -p "$REDIS_PORT" ping',
          'redis-cli --cluster check "$REDIS_HOST:7000"',
          'redis-cli --cluster check 10.0.0.1 7000',
          'redis-cli --cluster create 10.0.0.1:7000 10.0.0.2:7000 10.0.0.3:7000 --cluster-replicas 0',
          'redis-cli --cluster call "$REDIS_HOST:$REDIS_PORT" cluster info',
          'redis-cli --cluster help',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('and none that connects nowhere: --version, -v, --help', () =>
    expect(inBlock(rule, 'redis-cli --version\nredis-cli -v\nredis-cli --help')).toEqual([]));

  it('inside ssh, bash -c and xargs too', () => {
    expect(
      inBlock(
        rule,
        'ssh cache-1 \'redis-cli -p 6379 info\'\nbash -c \'redis-cli -p "$0" ping\' "$REDIS_PORT"\necho k | xargs redis-cli -p 1 del',
      ),
    ).toEqual([]);
  });
});
