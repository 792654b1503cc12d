// `firedrill proxy` as a user runs it: populated from a config file, ready
// line on stdout, clean exit on SIGTERM; a bad config exits 2 naming the entry.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, echo, listen, portOf, roundTripMs, type TcpServer } from './support.ts';

const firedrill = (...args: string[]) => execa(process.execPath, ['src/cli/main.ts', 'proxy', ...args], { reject: false });

describe('firedrill proxy', () => {
  let dir: string;
  let upstream: TcpServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-proxy-'));
    upstream = await listen(echo);
  });
  afterAll(async () => {
    await upstream.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('populates from --config, prints its URL when ready and exits 0 on SIGTERM', async () => {
    const config = join(dir, 'proxies.json');
    await writeFile(config, JSON.stringify([{ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` }]));
    const child = firedrill('--port', '0', '--config', config, '--seed', '9');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (data: Buffer) => {
        const match = /^firedrill proxy listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(data.toString());
        if (match) resolve(match[1]!);
      });
      void child.then((result) => reject(new Error(`exited before it was ready: ${result.stderr}`)));
    });
    const proxy = await new Toxiproxy(url).get('echo');
    const socket = await connect(portOf(proxy));
    expect(await roundTripMs(socket)).toBeLessThan(50);
    socket.destroy();
    child.kill('SIGTERM');
    const { exitCode } = await child;
    expect(exitCode).toBe(0);
  });

  it('exits 2 on a malformed config, naming the file and every bad entry', async () => {
    const config = join(dir, 'bad.json');
    await writeFile(
      config,
      JSON.stringify([{ name: 'redis', listen: '127.0.0.1:0' }, { upstream: '127.0.0.1:1' }, { name: 'pg', upstream: '8.8.8.8:5432' }]),
    );
    const { exitCode, stderr } = await firedrill('--port', '0', '--config', config);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`${config}: entry 1 ("redis"): missing required field: upstream`);
    expect(stderr).toContain(`${config}: entry 2: missing required field: name`);
    expect(stderr).toContain(`${config}: entry 3 ("pg"): upstream address "8.8.8.8:5432" is not loopback`);
  });

  it('exits 2 on unreadable or non-JSON config and on a bad --port', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '[{"name":');
    expect(await firedrill('--port', '0', '--config', notJson)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining(`${notJson}: malformed JSON`),
    });
    expect(await firedrill('--port', '0', '--config', join(dir, 'missing.json'))).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('cannot read the proxy config'),
    });
    expect(await firedrill('--port', 'eighty')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--port must be an integer from 0 to 65535, got "eighty"'),
    });
  });
});
