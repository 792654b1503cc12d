// `firedrill proxy` started as the runtimes start it (proxyProcess: its Node
// flags and a compile cache): it starts with those flags, writes the cache
// once ready (a proxy killed later would never write it), forwards a burst of
// 1,000 connections, and exits 0 on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyProcess } from '../../src/proxy/proxy-process.ts';
import { echo, listen, portOf, type TcpServer } from './support.ts';

describe('the proxy process as the runtimes start it', () => {
  let dir: string;
  let upstream: TcpServer;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-proxy-process-'));
    upstream = await listen(echo);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await upstream.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts with its flags, writes the compile cache when ready, forwards a burst and exits 0 on SIGTERM', async () => {
    const { command, args, env } = proxyProcess({ port: 0, compileCacheDir: dir });
    const started = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let stderr = '';
    started.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      started.stdout!.on('data', (data: Buffer) => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(data.toString());
        if (match) resolve(match[1]!);
      });
      started.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready: ${stderr}`)));
    });
    expect((await readdir(dir, { recursive: true })).length).toBeGreaterThan(0);

    const proxy = await new Toxiproxy(url).createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
    const sockets: Socket[] = [];
    try {
      const echoed = await Promise.all(
        Array.from({ length: 1000 }, () => {
          const socket = netConnect({ port: portOf(proxy), host: '127.0.0.1' });
          sockets.push(socket);
          return new Promise<boolean>((resolve) => {
            socket.once('connect', () => socket.write('x'));
            socket.once('data', () => resolve(true));
            socket.once('error', () => resolve(false));
          });
        }),
      );
      expect(echoed.filter(Boolean).length).toBe(1000);
    } finally {
      for (const socket of sockets) socket.destroy();
    }

    const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
