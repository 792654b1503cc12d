// The API's limits on a request body, seen by the client: a body over 1 MiB
// gets its 413 however it is sent (declared length or chunked, by a client
// that reads only once it has sent everything), the connection survives a
// drained body, and JSON nested deeper than the limit gets a 400 naming it.
import { connect as netConnect, type Socket } from 'node:net';
import { describe, expect } from 'vitest';
import { drainLimitBytes } from '../../src/proxy/drain-body.ts';
import { maxJsonDepth } from '../../src/proxy/read-body.ts';
import { test } from './support.ts';

const MiB = 1 << 20;

interface Reply {
  readonly status: number;
  readonly body: string;
}

/** A raw HTTP/1.1 client: sends the head and `bodyBytes` of body, and only then reads (as simple clients do). */
function sendThenRead(port: number, path: string, bodyBytes: number, chunked: boolean): Promise<Reply> {
  const socket = netConnect({ port, host: '127.0.0.1' });
  socket.pause();
  const framing = chunked ? 'transfer-encoding: chunked' : `content-length: ${bodyBytes}`;
  socket.write(`POST ${path} HTTP/1.1\r\nhost: proxy\r\n${framing}\r\n\r\n`);
  const block = Buffer.alloc(64 * 1024, 0x20);
  const frame = chunked ? Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]) : block;
  return new Promise((resolve, reject) => {
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes) {
        sent += block.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      socket.write(chunked ? '0\r\n\r\n' : '', () => resolve(readReply(socket)));
    };
    socket.once('error', (error) => reject(new Error(`after ${sent} bytes sent: ${error.message}`)));
    pump();
  }).finally(() => socket.destroy()) as Promise<Reply>;
}

/** One response from the socket, framed by content-length or chunked (as the API wrote them before). */
function readReply(socket: Socket): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (data: Buffer) => {
      text += data.toString('latin1');
      const reply = parseReply(text);
      if (!reply) return;
      socket.off('data', onData);
      resolve(reply);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => reject(new Error(`connection ended after ${JSON.stringify(text.slice(0, 80))}`)));
    socket.resume();
  });
}

function parseReply(text: string): Reply | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const rest = text.slice(end + 4);
  const length = /\r\ncontent-length: (\d+)/i.exec(head);
  if (length) return rest.length >= Number(length[1]) ? { status, body: rest.slice(0, Number(length[1])) } : undefined;
  if (!rest.includes('\r\n0\r\n\r\n') && !rest.startsWith('0\r\n\r\n')) return undefined;
  const body = rest
    .split('\r\n')
    .filter((_, i) => i % 2 === 1)
    .join('');
  return { status, body };
}

describe('body size', () => {
  for (const chunked of [true, false]) {
    test(`an 8 MiB ${chunked ? 'chunked' : 'declared-length'} body gets its 413, read after the whole body was sent`, async ({
      server,
    }) => {
      for (let i = 0; i < 3; i++) {
        const reply = await sendThenRead(server.port, '/proxies', 8 * MiB, chunked);
        expect(reply.status).toBe(413);
        expect(JSON.parse(reply.body)).toEqual({ error: 'request body too large: more than 1048576 bytes', status: 413 });
      }
    });
  }

  test('a body the API refuses before reading it (unknown route) is drained too', async ({ server }) => {
    const reply = await sendThenRead(server.port, '/nowhere', 8 * MiB, true);
    expect(reply.status).toBe(404);
  });

  test('after a drained body the connection serves the next request', async ({ server }) => {
    const socket = netConnect({ port: server.port, host: '127.0.0.1' });
    try {
      socket.write('POST /proxies HTTP/1.1\r\nhost: proxy\r\ntransfer-encoding: chunked\r\n\r\n');
      for (let i = 0; i < 32; i++) socket.write(`10000\r\n${' '.repeat(0x10000)}\r\n`);
      socket.write('0\r\n\r\n');
      expect((await readReply(socket)).status).toBe(413);
      socket.write('GET /version HTTP/1.1\r\nhost: proxy\r\n\r\n');
      const reply = await readReply(socket);
      expect({ status: reply.status, body: JSON.parse(reply.body) }).toEqual({ status: 200, body: { version: '2.12.0-firedrill' } });
    } finally {
      socket.destroy();
    }
  });

  test(`a client that never stops gets its 413, then the end of the connection past ${drainLimitBytes / MiB} MiB more`, async ({
    server,
  }) => {
    const socket = netConnect({ port: server.port, host: '127.0.0.1' });
    socket.on('error', () => undefined); // writing into a connection the server dropped
    socket.write('POST /proxies HTTP/1.1\r\nhost: proxy\r\ntransfer-encoding: chunked\r\n\r\n');
    let writing = true;
    const frame = `10000\r\n${' '.repeat(0x10000)}\r\n`;
    const pump = () => {
      while (writing && socket.write(frame));
    };
    socket.on('drain', pump);
    pump();
    try {
      expect((await readReply(socket)).status).toBe(413);
      const ended = await new Promise<boolean>((resolve) => {
        socket.once('end', () => resolve(true));
        socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 15_000);
      });
      expect(ended).toBe(true);
    } finally {
      writing = false;
      socket.destroy();
    }
  });
});

describe('JSON depth', () => {
  const post = async (url: string, body: string) => {
    const response = await fetch(`${url}/proxies`, { method: 'POST', body });
    return { status: response.status, error: ((await response.json()) as { error?: string }).error };
  };

  test('800 kB of [[[…]]] gets a 400 naming the limit, not a stack overflow', async ({ server }) => {
    const deep = `${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    for (let i = 0; i < 3; i++) {
      expect(await post(server.url, deep)).toEqual({
        status: 400,
        error: `bad request body: JSON nested deeper than ${maxJsonDepth} levels (the limit)`,
      });
    }
  });

  test('the limit counts objects and arrays alike, wherever they nest, and only outside strings', async ({ server }) => {
    const nest = (levels: number, open: string, close: string) => `${open.repeat(levels)}${close.repeat(levels)}`;
    const objects = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const tooDeep = { status: 400, error: expect.stringMatching(/nested deeper than 32 levels/) };
    expect(await post(server.url, nest(maxJsonDepth + 1, '[', ']'))).toEqual(tooDeep);
    expect(await post(server.url, objects(maxJsonDepth + 1))).toEqual(tooDeep);
    expect(await post(server.url, `{"name": "x", "upstream": "127.0.0.1:1", "extra": ${nest(maxJsonDepth, '[', ']')}}`)).toEqual(tooDeep);
    // At the limit the body parses, and is refused for what it is.
    expect(await post(server.url, nest(maxJsonDepth, '[', ']'))).toEqual({
      status: 400,
      error: `bad request body: proxy must be a JSON object, got ${'['.repeat(32)}${']'.repeat(25)}...`,
    });
    expect((await post(server.url, objects(maxJsonDepth))).error).toBe('missing required field: name');
    const bracketsInAString = JSON.stringify({ name: `${'['.repeat(100)}\\"{`, upstream: '127.0.0.1:1', listen: '127.0.0.1:0' });
    expect((await post(server.url, bracketsInAString)).status).toBe(201);
  });

  test('a value too long for a message is cut, whatever its shape', async ({ server }) => {
    const body = JSON.stringify({
      name: 'x',
      upstream: '127.0.0.1:1',
      enabled: [Array.from({ length: 5000 }, () => ({ k: 'v'.repeat(100) }))],
    });
    const { status, error } = await post(server.url, body);
    expect(status).toBe(400);
    expect(error).toBe(`bad request body: field "enabled" must be true or false, got [[{"k":"${'v'.repeat(49)}...`); // 57 + "..."
  });
});
