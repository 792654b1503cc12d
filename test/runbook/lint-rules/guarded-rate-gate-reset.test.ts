import { describe, expect, it } from 'vitest';
import { flaggedLines, inBlock } from './findings.ts';

const rule = 'guarded-rate-gate-reset';
const probe = 'code=$(curl -s -o /dev/null -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping" || true)';
const reset = 'redis-cli -p "$REDIS_PORT" DEL rategate:mock:bucket rategate:mock:strikes';
/** The lines flagged in a block. */
const flagged = (code: string) => flaggedLines(rule, code);

describe('guarded-rate-gate-reset flags a reset of the rate gate with no guard, however it is written', () => {
  const unguarded: [string, string, number][] = [
    ['lower case', 'redis-cli -p "$REDIS_PORT" del rategate:mock:bucket', 4],
    ['continuation lines', 'echo resetting\nredis-cli \\\n  -p "$REDIS_PORT" \\\n  UNLINK rategate:mock:strikes', 5],
    ['listed by one command, deleted by xargs', "redis-cli -p 6379 --scan --pattern 'rategate:*' | xargs -r redis-cli -p 6379 del", 4],
    [
      'the pattern in a variable',
      'pattern=\'rategate:*\'\nredis-cli -p 1 --scan --pattern "$pattern" | xargs -n 100 redis-cli -p 1 unlink',
      5,
    ],
    ['the key in a variable', 'key=rategate:mock:bucket\nredis-cli -p 1 DEL "$key"', 5],
    ['keys from a substitution', "redis-cli -p 1 del $(redis-cli -p 1 --scan --pattern 'rategate:*')", 4],
    ['a read loop', 'while read -r key; do\n  redis-cli -p 1 del "$key"\ndone < <(redis-cli -p 1 --scan --pattern \'rategate:*\')', 5],
    ['FLUSHDB', 'redis-cli -p "$REDIS_PORT" FLUSHDB', 4],
    ['flushall', 'redis-cli -p "$REDIS_PORT" flushall async', 4],
    ['EXPIRE', 'redis-cli -p 1 EXPIRE rategate:mock:bucket 0', 4],
    ['EVAL of a deleting script', 'redis-cli -p 1 EVAL "return redis.call(\'del\', KEYS[1])" 1 rategate:mock:bucket', 4],
    ['EVALSHA on gate keys', 'redis-cli -p 1 evalsha 1f2e3d 2 rategate:mock:bucket rategate:mock:strikes', 4],
    ['through ssh', "ssh ops@redis-1 'redis-cli -p 6379 DEL rategate:mock:bucket'", 4],
    ['through sshpass and ssh', 'sshpass -f ~/.pw ssh ops@redis-1 "redis-cli -p 6379 flushall"', 4],
    ['on every node of a cluster (--cluster call)', 'redis-cli --cluster call redis-1:7000 del rategate:mock:bucket', 4],
    ['FLUSHALL on every master of a cluster', 'redis-cli --cluster call 127.0.0.1:7000 FLUSHALL --cluster-only-masters', 4],
    ['through bash -c', 'bash -c "redis-cli -p $REDIS_PORT pexpire rategate:mock:bucket 1"', 4],
    ['through sudo and docker exec', 'sudo docker exec -i redis-1 redis-cli -p 6379 unlink rategate:mock:bucket', 4],
    ['in a here-document', 'redis-cli -p 1 <<EOF\nDEL rategate:mock:bucket\nEOF', 4],
    ['piped in', 'echo "DEL rategate:mock:bucket" | redis-cli -p 1', 4],
    ['in a function called unguarded', 'reset_gate() {\n  redis-cli -p 1 DEL rategate:mock:bucket\n}\nreset_gate', 5],
    ['valkey-cli', 'valkey-cli -p 1 del rate-gate:bucket', 4],
    ['SET to 0', 'redis-cli -p 1 SET rategate:mock:strikes 0', 4],
    ['SET … EX', 'redis-cli -p 1 set rategate:mock:blocked_until 0 EX 1', 4],
    ['SETEX', 'redis-cli -p 1 SETEX rategate:mock:blocked_until 1 0', 4],
    ['HSET', 'redis-cli -p 1 HSET rategate:mock:bucket tokens 100', 4],
    ['HDEL', 'redis-cli -p 1 HDEL rategate:mock:bucket tokens', 4],
    ['ZREM', 'redis-cli -p 1 ZREM rategate:mock:window order-1', 4],
    ['ZREMRANGEBYSCORE', 'redis-cli -p 1 ZREMRANGEBYSCORE rategate:mock:window -inf +inf', 4],
    ['RENAME', 'redis-cli -p 1 RENAME rategate:mock:bucket rategate:mock:bucket.old', 4],
    ['PERSIST', 'redis-cli -p 1 PERSIST rategate:mock:blocked_until', 4],
    ['DECRBY', 'redis-cli -p 1 DECRBY rategate:mock:strikes 5', 4],
    ['a write in a here-document', 'redis-cli -p 1 <<EOF\nSET rategate:mock:strikes 0\nEOF', 4],
    ['a broad SCAN pattern fed to DEL', "redis-cli -p 1 --scan --pattern 'rate*' | xargs redis-cli -p 1 del", 4],
    ['every key fed to UNLINK', "redis-cli -p 1 --scan --pattern '*' | xargs -r redis-cli -p 1 unlink", 4],
    ['a broad KEYS pattern in a substitution', "redis-cli -p 1 del $(redis-cli -p 1 KEYS '*:strikes')", 4],
    ['a broad pattern in a variable', 'pattern=\'rate*\'\nredis-cli -p 1 --scan --pattern "$pattern" | xargs redis-cli -p 1 del', 5],
  ];
  for (const [spelling, code, line] of unguarded) it(spelling, () => expect(flagged(code)).toEqual([line]));

  it('names what the command does and what to write instead', () => {
    expect(inBlock(rule, 'redis-cli -p 1 FLUSHALL')).toEqual([
      '4 rate-gate reset without a guard (FLUSHALL wipes every key, the rate gate\'s too): first ask the exchange (code=$(curl -s -o /dev/null -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping")) and reset only under `if [ "$code" = 418 ] || [ "$code" = 429 ]; then …; fi`',
    ]);
    expect(inBlock(rule, "redis-cli -p 1 --scan --pattern 'rategate:*' | xargs redis-cli -p 1 del")[0]).toMatch(
      /^4 rate-gate reset without a guard \(DEL of rate-gate keys read from its input\)/,
    );
  });
});

describe('guarded-rate-gate-reset flags a guard that did not ask the exchange whether it is blocking', () => {
  it('a 429 test on a variable that did not come from the exchange', () =>
    expect(flagged(`code=$(curl -s -o /dev/null -w "%{http_code}" "$ATS_URL/readyz")\nif [ "$code" = 429 ]; then\n  ${reset}\nfi`)).toEqual(
      [6],
    ));
  it('a request to the exchange, but the reset runs when it is healthy', () =>
    expect(flagged(`${probe}\nif [ "$code" = 200 ]; then\n  ${reset}\nfi`)).toEqual([6]));
  it('the reset on the else side of the blocking test', () =>
    expect(flagged(`${probe}\nif [ "$code" = 429 ]; then\n  echo blocked\nelse\n  ${reset}\nfi`)).toEqual([8]));
  it('a script that leaves when the exchange is blocking, then resets', () =>
    expect(flagged(`${probe}\n[ "$code" = 429 ] && exit 0\n${reset}`)).toEqual([6]));
  it('the request to the exchange made after the test', () =>
    expect(flagged(`if [ "$code" = 429 ]; then\n  ${reset}\nfi\n${probe}`)).toEqual([5]));
  it('a guard run in the background, whose exit ends only that job', () =>
    expect(flagged(`${probe}\n[ "$code" = 429 ] || exit 0 &\n${reset}`)).toEqual([6]));
  it('the reset in the condition itself', () => expect(flagged(`${probe}\nif ${reset}; then echo reset; fi`)).toEqual([5]));
  it('a case arm for a healthy answer', () => expect(flagged(`${probe}\ncase "$code" in\n  200) ${reset} ;;\nesac`)).toEqual([6]));
  it('a 429 from our own gateway’s /ping or /healthz, not from the exchange', () => {
    for (const url of ['"$ATS_URL/ping"', '"$ATS_URL/healthz"', '"$ATS_URL/exchange/ping"', 'http://localhost:8080/api/v1/ping'])
      expect(flagged(`code=$(curl -s -o /dev/null -w "%{http_code}" ${url})\nif [ "$code" = 429 ]; then ${reset}; fi`), url).toEqual([5]);
  });
  it('a case on a code that did not come from the exchange', () =>
    expect(flagged(`code=$(cat /tmp/last-code)\ncase "$code" in\n  418|429) ${reset} ;;\nesac`)).toEqual([6]));
});

describe('guarded-rate-gate-reset passes a reset behind a check that the exchange is blocking, however it is written', () => {
  const guarded: [string, string][] = [
    ['if, the fixture runbook’s way', `${probe}\nif [ "$code" = 418 ] || [ "$code" = 429 ]; then\n  ${reset}\nfi`],
    ['|| exit on a non-blocking answer', `${probe}\n[ "$code" = 418 ] || [ "$code" = 429 ] || { echo "not blocking"; exit 0; }\n${reset}`],
    ['an early exit when not blocking', `${probe}\nif [ "$code" != 418 ] && [ "$code" != 429 ]; then\n  exit 0\nfi\n${reset}`],
    [
      'a function that exits',
      `die() { echo "$*" >&2; exit 1; }\n${probe}\n[[ $code =~ ^(418|429)$ ]] || die "exchange not blocking"\n${reset}`,
    ],
    ['a case arm', `case "$(curl -s -o /dev/null -w '%{http_code}' "$EXCHANGE_URL/api/v1/ping")" in\n  418|429) ${reset} ;;\nesac`],
    [
      'the request in the condition',
      `if curl -s -o /dev/null -w '%{http_code}' "$EXCHANGE_URL/api/v1/ping" | grep -qE '^(418|429)$'; then\n  ${reset}\nfi`,
    ],
    ['an arithmetic test and &&', `${probe}\n(( code == 429 )) && redis-cli -p 1 flushdb`],
    ['a function called under the guard', `reset_gate() { ${reset}; }\n${probe}\nif [ "$code" = 429 ]; then reset_gate; fi`],
    [
      'a negated request, exiting when it is not blocking',
      `if ! curl -s -o /dev/null -w '%{http_code}' "$EXCHANGE_URL/api/v1/ping" | grep -qE '418|429'; then\n  exit 0\nfi\n${reset}`,
    ],
    ['a request in a group', `if { curl -s -o /dev/null -w '%{http_code}' "$EXCHANGE_URL/api/v1/ping" | grep -q 429; }; then ${reset}; fi`],
    ['the request and the test on one line', `${probe}; if [ "$code" = 429 ]; then ${reset}; fi`],
    [
      'the exchange’s URL written out',
      `code=$(curl -s -o /dev/null -w '%{http_code}' https://api.exchange.example.com/api/v1/ping)\nif [ "$code" = 429 ]; then ${reset}; fi`,
    ],
    [
      'a bare host named for the exchange',
      `code=$(curl -s -o /dev/null -w '%{http_code}' exchange-mock:9000/api/v1/ping)\nif [ "$code" = 429 ]; then ${reset}; fi`,
    ],
    [
      'the exchange’s URL in a variable',
      `url="$EXCHANGE_URL/api/v1/ping"\ncode=$(curl -s -o /dev/null -w '%{http_code}' "$url")\nif [ "$code" = 429 ]; then ${reset}; fi`,
    ],
    [
      'a code read through another variable',
      `answer=$(curl -s -w "%{http_code}" "$EXCHANGE_URL/api/v1/ping")\ncode=\${answer: -3}\nif [ "$code" = 429 ]; then ${reset}; fi`,
    ],
  ];
  for (const [spelling, code] of guarded) it(spelling, () => expect(inBlock(rule, code)).toEqual([]));

  it('commands that do not reset the gate', () => {
    expect(
      inBlock(
        rule,
        [
          'redis-cli -p 1 DEL session:abc',
          'sshpass -e ssh ops@redis-1 "redis-cli -p 6379 GET rategate:mock:bucket"',
          'redis-cli --cluster check redis-1:7000',
          'redis-cli --cluster info redis-1:7000',
          'redis-cli --cluster call redis-1:7000 GET rategate:mock:bucket',
          'redis-cli --cluster call redis-1:7000 DEL session:abc',
          "redis-cli -p 1 --scan --pattern 'session:*' | xargs redis-cli -p 1 del",
          'redis-cli -p 1 GET rategate:mock:bucket',
          'redis-cli -p 1 TTL rategate:mock:strikes',
          "redis-cli -p 1 --scan --pattern 'rategate:*'",
          '# redis-cli -p 1 DEL rategate:mock:bucket',
          'echo "never DEL rategate keys by hand"',
          'redis-cli -p 1 EVAL "return redis.call(\'get\', KEYS[1])" 1 rategate:mock:bucket',
          'redis-cli -p 1 HGETALL rategate:mock:bucket',
          'redis-cli -p 1 ZRANGE rategate:mock:window 0 -1 WITHSCORES',
          'redis-cli -p 1 SET session:ops:1 0 EX 60',
          "redis-cli -p 1 --scan --pattern 'session:*' | xargs redis-cli -p 1 del",
          "redis-cli -p 1 --scan --pattern 'rate*' | xargs redis-cli -p 1 ttl",
          "redis-cli -p 1 --scan --pattern '*'",
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
