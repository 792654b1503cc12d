// A reader that does not read must hold the writer back through the proxy:
// the proxy reads no more than it can pass on (fast path and toxic chain
// alike), so its memory stays bounded, and nothing is lost once reading resumes.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { connect, listen, portOf, sleep, type TcpServer } from './support.ts';

const chunkBytes = 64 * 1024;
const totalBytes = 64 * 1024 * 1024;
/** Byte i of the stream is i % 251: a slice of this buffer is any stretch of it. */
const pattern = Buffer.from(Array.from({ length: (1 << 20) + 251 }, (_, i) => i % 251));
const stretch = (offset: number, length: number) => pattern.subarray(offset % 251, (offset % 251) + length);

/** An upstream that pushes `totalBytes` of a counting pattern as fast as the proxy takes it, and counts what it got rid of. */
function firehose() {
  const pushed = { bytes: 0 };
  const serve = async (socket: Socket) => {
    while (pushed.bytes < totalBytes && !socket.destroyed) {
      const accepted = socket.write(stretch(pushed.bytes, chunkBytes));
      pushed.bytes += chunkBytes;
      if (!accepted) await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
    }
    socket.end();
  };
  return { pushed, serve };
}

let upstream: TcpServer;
let server: ProxyServer;
let hose: ReturnType<typeof firehose>;
beforeEach(async () => {
  hose = firehose();
  upstream = await listen((socket) => void hose.serve(socket));
  server = await startProxyServer({ seed: 7 });
});
afterEach(async () => {
  await server.close();
  await upstream.close();
});

async function readAll(socket: Socket): Promise<{ bytes: number; intact: boolean }> {
  let bytes = 0;
  let intact = true;
  socket.on('data', (data: Buffer) => {
    if (data.length > 1 << 20 || !data.equals(stretch(bytes, data.length))) intact = false;
    bytes += data.length;
  });
  socket.resume();
  await once(socket, 'end');
  return { bytes, intact };
}

describe('backpressure through the proxy', () => {
  for (const withToxic of [false, true]) {
    it(`holds the writer back while the reader does not read, and loses nothing after (${withToxic ? 'through a toxic' : 'fast path'})`, async () => {
      const proxy = await new Toxiproxy(server.url).createProxy({
        name: 'hose',
        listen: '127.0.0.1:0',
        upstream: `127.0.0.1:${upstream.port}`,
      });
      if (withToxic)
        await proxy.addToxic({ name: 'slow', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 1, jitter: 0 } });
      const client = await connect(portOf(proxy));
      client.pause();
      await sleep(500);
      // Kernel buffers on loopback and the proxy's bounded queue hold a few MB; without backpressure all 64 MB would be taken by now.
      expect(hose.pushed.bytes).toBeLessThan(40 * 1024 * 1024);
      const read = await readAll(client);
      expect(read).toEqual({ bytes: totalBytes, intact: true });
    }, 30_000);
  }
});
