// The proxy API against careless and hostile input: malformed JSON, wrong
// types, negative and huge numbers, deep and oversized bodies on every route
// that takes one, seeded random bodies, 1,000 create/delete cycles and
// concurrent creates of one name. Every answer is a clear 4xx (never a 500),
// and the server keeps serving and forwarding.
import { describe, expect } from 'vitest';
import { maxJsonDepth } from '../../src/proxy/read-body.ts';
import { createRandom } from '../../src/proxy/random.ts';
import { findToxicKind, toxicTypes } from '../../src/proxy/toxics/registry.ts';
import { attributeMaximum } from '../../src/proxy/toxics/toxic.ts';
import { connect, portOf, roundTripMs, test } from './support.ts';

interface Answer {
  readonly status: number;
  readonly error?: string;
}

async function call(url: string, method: string, body?: string | ReadableStream<Uint8Array>): Promise<Answer> {
  const init = body instanceof ReadableStream ? { method, body, duplex: 'half' } : { method, ...(body === undefined ? {} : { body }) };
  const response = await fetch(url, init as RequestInit);
  const text = await response.text();
  const error = text === '' ? undefined : (JSON.parse(text) as { error?: string }).error;
  return { status: response.status, ...(error === undefined ? {} : { error }) };
}

/** Routes that read a body, on a server with proxy "echo" and its toxic "lag". */
const bodyRoutes = [
  { method: 'POST', path: '/proxies' },
  { method: 'POST', path: '/populate' },
  { method: 'POST', path: '/proxies/echo' },
  { method: 'PATCH', path: '/proxies/echo' },
  { method: 'POST', path: '/proxies/echo/toxics' },
  { method: 'POST', path: '/proxies/echo/toxics/lag' },
  { method: 'PATCH', path: '/proxies/echo/toxics/lag' },
];

const malformed = [
  '{"name": "x",',
  '{"name": "x"} trailing',
  "{'name': 'x'}",
  '{"toxicity": NaN}',
  '{"toxicity": Infinity}',
  '{"name": "x" /* comment */}',
  '\uFEFF{"name": "x"}',
  '{"name": "\\u12"}',
  '{"name": "tab\there"}',
  '[1, 2,]',
  'undefined',
  '{"a":1}{"a":2}',
];

/** Listening TCP servers in this process, once the handles closed before have gone. */
async function listeners(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

describe('API fuzz', () => {
  test('malformed JSON on every route that reads a body: 400 "malformed JSON"', async ({ server, toxiproxy, proxy }) => {
    await proxy.addToxic({ name: 'lag', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 0 } });
    for (const route of bodyRoutes) {
      for (const body of malformed) {
        const answer = await call(`${server.url}${route.path}`, route.method, body);
        expect({ route: route.path, body, ...answer }).toEqual({
          route: route.path,
          body,
          status: 400,
          error: expect.stringMatching(/^bad request body: malformed JSON/),
        });
      }
    }
    expect((await toxiproxy.getVersion()) as unknown).toBeDefined();
  });

  test('deep, oversized and chunked oversized bodies on every route that reads a body', async ({ server, proxy }) => {
    await proxy.addToxic({ name: 'lag', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 0 } });
    const deep = `${'['.repeat(maxJsonDepth + 1)}${']'.repeat(maxJsonDepth + 1)}`;
    const chunked = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 24; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x5b));
          controller.close();
        },
      });
    for (const route of bodyRoutes) {
      const url = `${server.url}${route.path}`;
      expect(await call(url, route.method, deep)).toEqual({
        status: 400,
        error: `bad request body: JSON nested deeper than ${maxJsonDepth} levels (the limit)`,
      });
      expect((await call(url, route.method, ' '.repeat((1 << 20) + 1))).status).toBe(413);
      expect((await call(url, route.method, chunked())).status).toBe(413);
    }
  });

  test('wrong types for every field: 400 naming the field and what came', async ({ server, proxy }) => {
    const cases: [path: string, body: unknown, error: RegExp][] = [
      ['/proxies', { name: 1, upstream: '127.0.0.1:1' }, /field "name" must be a string, got 1/],
      ['/proxies', { name: ['x'], upstream: '127.0.0.1:1' }, /field "name" must be a string, got \["x"\]/],
      ['/proxies', { name: 'x', upstream: 5432 }, /field "upstream" must be a string, got 5432/],
      ['/proxies', { name: 'x', upstream: '127.0.0.1:1', listen: { port: 0 } }, /field "listen" must be a string, got \{"port":0\}/],
      ['/proxies', { name: 'x', upstream: '127.0.0.1:1', enabled: 1 }, /field "enabled" must be true or false, got 1/],
      ['/proxies', { name: 'x', upstream: '127.0.0.1:65536' }, /upstream must be "host:port" with a port 0..65535/],
      ['/proxies', { name: 'x', upstream: '127.0.0.1:99999999999' }, /upstream must be "host:port"/],
      ['/proxies', [], /proxy must be a JSON object, got \[\]/],
      ['/proxies', 'x', /proxy must be a JSON object, got "x"/],
      ['/proxies', null, /proxy must be a JSON object, got null/],
      ['/populate', [1], /proxy at proxy 1 must be a JSON object, got 1/],
      ['/populate', { name: 'x' }, /populate expects a JSON array/],
      ['/proxies/echo', { enabled: 'no' }, /field "enabled" must be true or false, got "no"/],
      ['/proxies/echo/toxics', { type: 1 }, /field "type" must be a string, got 1/],
      ['/proxies/echo/toxics', { type: 'latency', stream: true }, /field "stream" must be a string, got true/],
      ['/proxies/echo/toxics', { type: 'latency', toxicity: '0.5' }, /toxicity must be a number from 0 to 1, got "0.5"/],
      [
        '/proxies/echo/toxics',
        { type: 'latency', attributes: [] },
        /attributes of toxic "latency_downstream" must be a JSON object, got \[\]/,
      ],
      [
        '/proxies/echo/toxics',
        { type: 'latency', attributes: { latency: '5' } },
        /"latency" must be a non-negative integer \(ms\), got "5"/,
      ],
      ['/proxies/echo/toxics', { type: 'latency', attributes: { latency: true } }, /got true/],
      ['/proxies/echo/toxics', { type: 'latency', attributes: { latency: null } }, /got null/],
      ['/proxies/echo/toxics', { type: 'latency', attributes: { latency: { ms: 5 } } }, /got \{"ms":5\}/],
      ['/proxies/echo/toxics', { type: 'latency', name: 7 }, /field "name" must be a string, got 7/],
    ];
    for (const [path, body, error] of cases) {
      const answer = await call(`${server.url}${path}`, 'POST', JSON.stringify(body));
      expect({ path, body, ...answer }).toEqual({ path, body, status: 400, error: expect.stringMatching(error) });
    }
    expect((await call(`${server.url}/proxies/${proxy.name}/toxics`, 'GET')).status).toBe(200);
  });

  test('negative, fractional and huge numbers for every attribute of every toxic and for toxicity', async ({ server, proxy }) => {
    const toxics = `${server.url}/proxies/${proxy.name}/toxics`;
    for (const type of toxicTypes()) {
      for (const [attribute, spec] of Object.entries(findToxicKind(type)!.attributes)) {
        for (const value of [-1, -0.5, 1.5, 2 ** 53, 1e308, -1e308]) {
          const answer = await call(toxics, 'POST', JSON.stringify({ type, attributes: { [attribute]: value } }));
          expect({ type, attribute, value, ...answer }).toEqual({
            type,
            attribute,
            value,
            status: 400,
            error: expect.stringContaining(`"${attribute}" must be`),
          });
        }
        const largest = await call(
          toxics,
          'POST',
          JSON.stringify({ type, name: `${type}-${attribute}`, attributes: { [attribute]: attributeMaximum[spec.unit] } }),
        );
        expect({ type, attribute, status: largest.status }).toEqual({ type, attribute, status: 200 });
      }
    }
    for (const toxicity of [-0.1, 1.0000001, 1e308, -1e308]) {
      const answer = await call(toxics, 'POST', JSON.stringify({ type: 'latency', name: 'odds', toxicity }));
      expect({ toxicity, ...answer }).toEqual({
        toxicity,
        status: 400,
        error: expect.stringContaining('toxicity must be a number from 0 to 1'),
      });
    }
  });

  test('300 seeded random bodies on every route: only 2xx and 4xx, never 500, and traffic keeps flowing', async ({ server, proxy }) => {
    const random = createRandom(20261201);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;
    const strings = [
      '',
      'x',
      'echo',
      'latency',
      'bandwidth',
      'upstream',
      'sideways',
      '127.0.0.1:0',
      'localhost:0',
      '[::1]:0',
      '10.0.0.1:1',
      'nowhere',
      ':',
      '\u0000',
      'é'.repeat(300),
    ];
    const numbers = [0, 1, -1, 0.5, 1.5, 2 ** 31, 2 ** 53, 1e308, -0];
    const keys = [
      'name',
      'listen',
      'upstream',
      'enabled',
      'type',
      'stream',
      'toxicity',
      'attributes',
      'latency',
      'jitter',
      'rate',
      'timeout',
      'bytes',
      'delay',
    ];
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? Math.floor(random.next() * 4) : Math.floor(random.next() * 6);
      if (kind === 0) return pick(strings);
      if (kind === 1) return pick(numbers);
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return pick(keys);
      if (kind === 4) return Array.from({ length: Math.floor(random.next() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random.next() * 5) }, () => [pick(keys), value(depth + 1)]));
    };
    const socket = await connect(portOf(proxy));
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const route = pick(bodyRoutes);
      const answer = await call(`${server.url}${route.path}`, route.method, JSON.stringify(value(0)));
      statuses.add(answer.status);
      expect({ i, status: answer.status, error: answer.error }).toEqual({
        i,
        status: expect.toSatisfy((s: number) => (s >= 200 && s < 300) || (s >= 400 && s < 500 && s !== 413)),
        error: answer.status >= 400 ? expect.toSatisfy((e: string) => typeof e === 'string' && e.length < 1000) : undefined,
      });
      await call(`${server.url}/reset`, 'POST'); // toxics off, proxies on again
    }
    expect([[...statuses].some((s) => s < 300), [...statuses].some((s) => s >= 400)]).toEqual([true, true]);
    expect(await roundTripMs(socket)).toBeLessThan(50);
    socket.destroy();
  });

  test('1,000 create/delete cycles leave no listener, proxy or toxic behind', async ({ server, echoServer }) => {
    const before = await listeners();
    for (let i = 0; i < 1000; i++) {
      const created = await call(
        `${server.url}/proxies`,
        'POST',
        JSON.stringify({ name: 'cycle', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echoServer.port}` }),
      );
      expect({ i, status: created.status }).toEqual({ i, status: 201 });
      if (i % 100 === 0) {
        await call(`${server.url}/proxies/cycle/toxics`, 'POST', JSON.stringify({ type: 'latency', attributes: { latency: 1 } }));
        const proxyJson = (await (await fetch(`${server.url}/proxies/cycle`)).json()) as { listen: string };
        const socket = await connect(Number(proxyJson.listen.split(':').pop()));
        expect(await roundTripMs(socket)).toBeLessThan(1000);
        socket.destroy();
      }
      expect((await call(`${server.url}/proxies/cycle`, 'DELETE')).status).toBe(204);
    }
    expect(await (await fetch(`${server.url}/proxies`)).json()).toEqual({});
    expect(await listeners()).toBe(before);
  });

  test('concurrent creates of one name: one 201, the rest 409, one listener', async ({ server, proxy }) => {
    const before = await listeners();
    const body = JSON.stringify({ name: 'same', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
    const created = await Promise.all(Array.from({ length: 50 }, () => call(`${server.url}/proxies`, 'POST', body)));
    expect(created.map((a) => a.status).sort()).toEqual([201, ...Array<number>(49).fill(409)]);
    expect(created.filter((a) => a.status === 409).every((a) => a.error === 'proxy "same" already exists')).toBe(true);
    expect(Object.keys((await (await fetch(`${server.url}/proxies`)).json()) as object).sort()).toEqual(['echo', 'same']);
    expect(await listeners()).toBe(before + 1);

    const toxic = JSON.stringify({ name: 'lag', type: 'latency', attributes: { latency: 1 } });
    const toxics = await Promise.all(Array.from({ length: 50 }, () => call(`${server.url}/proxies/${proxy.name}/toxics`, 'POST', toxic)));
    expect(toxics.map((a) => a.status).sort()).toEqual([200, ...Array<number>(49).fill(409)]);

    const deleted = await Promise.all(Array.from({ length: 20 }, () => call(`${server.url}/proxies/same`, 'DELETE')));
    expect(deleted.map((a) => a.status).sort()).toEqual([204, ...Array<number>(19).fill(404)]);
    expect(await listeners()).toBe(before);
  });
});
