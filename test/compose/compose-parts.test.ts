import { describe, expect, it } from 'vitest';
import { containerPorts } from '../../src/compose/container-ports.ts';
import { datastoreImage } from '../../src/compose/datastore-image.ts';
import { healthPath } from '../../src/compose/health-path.ts';
import { interpolate } from '../../src/compose/interpolation.ts';
import { renderLiteral } from '../../src/compose/render-literal.ts';
import { splitCommand } from '../../src/compose/split-command.ts';

describe('a compose command split into arguments', () => {
  it.each([
    ['node dist/server.js --port 8080', ['node', 'dist/server.js', '--port', '8080']],
    [`python -m app --name "order book" --tag 'a b'`, ['python', '-m', 'app', '--name', 'order book', '--tag', 'a b']],
    [String.raw`echo a\ b "say \"hi\"" 'it''s'`, ['echo', 'a b', 'say "hi"', 'its']],
    ['  serve   ""  ', ['serve', '']],
  ])('%s', (command, args) => {
    expect(splitCommand(command)).toEqual({ ok: true, args, shellSyntax: [] });
  });

  it('names the shell syntax compose would pass on as plain arguments', () => {
    expect(splitCommand('sh -c "migrate && serve"')).toMatchObject({ ok: true, shellSyntax: [] });
    expect(splitCommand('migrate && serve > out.log')).toMatchObject({ ok: true, shellSyntax: ['&&', '>'] });
  });

  it('an unclosed quote cannot be split', () => {
    expect(splitCommand(`serve --name "book`)).toEqual({ ok: false, reason: 'its double quote is never closed' });
    expect(splitCommand(`serve --name 'book`)).toEqual({ ok: false, reason: 'its single quote is never closed' });
  });
});

describe('which images are the datastores', () => {
  it.each([
    ['postgres:15', 'postgres', '15'],
    ['postgres:15.4-alpine', 'postgres', '15'],
    ['docker.io/library/postgres:16', 'postgres', '16'],
    [`registry.example.com:5000/postgres:14@sha256:${'0'.repeat(64)}`, 'postgres', '14'],
    ['timescale/timescaledb:2.14.2-pg16', 'postgres', '16'],
    ['timescale/timescaledb:latest-pg15', 'postgres', '15'],
    ['postgis/postgis:16-3.4', 'postgres', '16'],
    ['postgres', 'postgres', undefined],
    ['redis:7-alpine', 'redis', '7'],
    ['valkey/valkey:8.0', 'redis', '8'],
    ['bitnami/redis:7.2', 'redis', '7'],
  ])('%s → %s %s', (image, datastore, version) => {
    expect(datastoreImage(image)).toEqual({ datastore, ...(version ? { version } : {}) });
  });

  it.each(['prometheuscommunity/postgres-exporter:v0.15', 'team/redis-worker:1', 'nginx:1.25', 'shop/postgres:15'])(
    '%s is a service',
    (image) => {
      expect(datastoreImage(image)).toBeUndefined();
    },
  );
});

describe('the health path of a healthcheck', () => {
  it.each([
    [['CMD', 'curl', '-f', 'http://localhost:8080/healthz'], '/healthz'],
    [['CMD-SHELL', 'curl -fsS http://127.0.0.1:8080/ready?full=1 || exit 1'], '/ready'],
    ['wget -qO- http://localhost:3000/api/health', '/api/health'],
    ['wget --spider http://localhost:3000', '/'],
  ])('%j → %s', (test, path) => {
    expect(healthPath(test)).toBe(path);
  });

  it.each([[['CMD-SHELL', 'pg_isready -U shop']], ['nc -z localhost 8080'], [['CMD', 'curl', '-f', 'localhost:8080/health']]])(
    '%j is none firedrill can read',
    (test) => {
      expect(healthPath(test)).toBeUndefined();
    },
  );
});

describe("compose's interpolation", () => {
  it('takes defaults, keeps what needs the shell, and reads $$ as $', () => {
    expect(interpolate(`shop/api:\${TAG:-1.4}`)).toEqual({ text: 'shop/api:1.4', unresolved: [] });
    expect(interpolate(`\${REGISTRY-ghcr.io}/api`)).toEqual({ text: 'ghcr.io/api', unresolved: [] });
    expect(interpolate(`postgres://app:\${DB_PASSWORD}@db/$DB`)).toEqual({
      text: `postgres://app:\${DB_PASSWORD}@db/$DB`,
      unresolved: ['DB_PASSWORD', 'DB'],
    });
    expect(interpolate('price is $$5')).toEqual({ text: 'price is $5', unresolved: [] });
  });
});

describe('the container ports of ports: and expose:', () => {
  it('reads the short and long syntaxes, ranges, and every problem', () => {
    const problems: { field: string; message: string }[] = [];
    const ports = containerPorts(
      ['8080:80', '127.0.0.1:9000:9001/tcp', 3000, '7000-7002', { target: 5000, published: 5001 }, 'http'],
      'ports',
      problems,
    );
    expect(ports).toEqual([80, 9001, 3000, 7000, 7001, 7002, 5000]);
    expect(problems).toEqual([
      { field: 'ports[5]', message: 'expected a port like "8080", "8080:80" or { target: 80 }; got the string "http"' },
    ]);
  });
});

describe('a value as a TypeScript literal', () => {
  it('quotes what needs it, and writes the comments above their field', () => {
    const value = { name: "o'b", links: { 'log-sink': { URL: 'a\\b' } }, ports: [1, 2], on: true };
    expect(renderLiteral(value, new Map())).toBe(`{ name: 'o\\'b', links: { 'log-sink': { URL: 'a\\\\b' } }, ports: [1, 2], on: true }`);
    expect(renderLiteral(value, new Map([['ports', ['one', 'two']]]))).toBe(
      [
        '{',
        "  name: 'o\\'b',",
        "  links: { 'log-sink': { URL: 'a\\\\b' } },",
        '  // TODO: one',
        '  // TODO: two',
        '  ports: [1, 2],',
        '  on: true,',
        '}',
      ].join('\n'),
    );
  });
});
