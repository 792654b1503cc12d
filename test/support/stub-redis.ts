import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Redis in the test's own process, speaking enough RESP for a
 * check that plants a key and reads it back (INFO for ioredis' ready check,
 * SET, GET, DEL); any other command is refused. `keys` is its whole store;
 * `openConnections` tells whether a client let go. The real Redis: the
 * integration tests.
 */
export async function startStubRedis() {
  const keys = new Map<string, string>();
  const sockets = new Set<Socket>();
  const answer = ([command, ...args]: string[]): string => {
    const bulk = (value: string | undefined) => (value === undefined ? '$-1\r\n' : `$${Buffer.byteLength(value)}\r\n${value}\r\n`);
    switch (command?.toUpperCase()) {
      case 'INFO':
        return bulk('# Persistence\r\nloading:0\r\n');
      case 'SET':
        keys.set(args[0]!, args[1]!);
        return '+OK\r\n';
      case 'GET':
        return bulk(keys.get(args[0]!));
      case 'DEL':
        return `:${args.filter((key) => keys.delete(key)).length}\r\n`;
      default:
        return `-ERR unknown command '${command}'\r\n`;
    }
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      for (let parsed = parseCommand(pending); parsed; parsed = parseCommand(pending)) {
        pending = pending.slice(parsed.length);
        socket.write(answer(parsed.command));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    keys,
    get openConnections() {
      return sockets.size;
    },
    [Symbol.asyncDispose]: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One RESP array of bulk strings from the front of `text` (ASCII keys and values), or undefined while it is incomplete. */
function parseCommand(text: string): { command: string[]; length: number } | undefined {
  const lines = text.split('\r\n');
  const count = Number(lines[0]?.slice(1));
  if (!lines[0]?.startsWith('*') || lines.length < 2 * count + 2) return undefined;
  const command = Array.from({ length: count }, (_, i) => lines[2 + 2 * i]!);
  return { command, length: lines.slice(0, 1 + 2 * count).join('\r\n').length + 2 };
}
