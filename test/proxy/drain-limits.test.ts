// A client that never stops sending a refused body: the proxy reads and drops
// up to drainLimitBytes more, then ends the connection, well before the
// drainLimitMs timer would (loopback moves 16 MiB in well under a second).
import { connect as netConnect } from 'node:net';
import { describe, expect } from 'vitest';
import { drainLimitBytes, drainLimitMs } from '../../src/proxy/drain-body.ts';
import { test } from './support.ts';

describe('draining a refused body', () => {
  test(`ends the connection once ${drainLimitBytes >> 20} MiB more were read, not at the ${drainLimitMs / 1000} s timer`, async ({
    server,
  }) => {
    const socket = netConnect({ port: server.port, host: '127.0.0.1' });
    socket.on('error', () => undefined); // writing into a connection the server ended
    const frame = Buffer.from(`10000\r\n${' '.repeat(0x10000)}\r\n`);
    let sent = 0;
    let writing = true;
    const pump = () => {
      while (writing) {
        sent += 0x10000;
        if (!socket.write(frame)) return;
      }
    };
    socket.on('drain', pump);
    let reply = '';
    socket.on('data', (data: Buffer) => {
      reply += data.toString('latin1');
    });
    const started = performance.now();
    socket.write('POST /proxies HTTP/1.1\r\nhost: proxy\r\ntransfer-encoding: chunked\r\n\r\n');
    pump();
    try {
      await new Promise<void>((resolve) => {
        socket.once('end', resolve);
        socket.once('close', resolve);
      });
      expect(performance.now() - started).toBeLessThan(drainLimitMs / 2);
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(sent).toBeGreaterThan(drainLimitBytes);
    } finally {
      writing = false;
      socket.destroy();
    }
  });
});
