import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLoopback, formatHostPort, isLoopback, listenHost, parseHostPort } from '../../src/proxy/address.ts';
import { loadProxyConfig } from '../../src/proxy/config-file.ts';
import { ApiError } from '../../src/proxy/errors.ts';
import { parseNewProxy, parseProxyUpdate } from '../../src/proxy/proxy-input.ts';
import { proxyNodeFlags, proxyProcess } from '../../src/proxy/proxy-process.ts';

describe('host:port addresses', () => {
  it('reads IPv4, names, IPv6 in brackets and an empty host, ports 0 to 65535', () => {
    expect(parseHostPort('127.0.0.1:6379', 'upstream')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(parseHostPort('localhost:0', 'listen')).toEqual({ host: 'localhost', port: 0 });
    expect(parseHostPort('[::1]:5432', 'upstream')).toEqual({ host: '::1', port: 5432 });
    expect(parseHostPort(':8474', 'listen')).toEqual({ host: '', port: 8474 });
    expect(parseHostPort('127.0.0.1:65535', 'listen').port).toBe(65535);
  });

  it('refuses anything else, naming the field and the value', () => {
    for (const bad of ['127.0.0.1:65536', '127.0.0.1', 'a:b:80', '127.0.0.1:80x', 'x127.0.0.1:80 ', '127.0.0.1:123456']) {
      expect(() => parseHostPort(bad, 'upstream'), bad).toThrow(
        `bad request body: upstream must be "host:port" with a port 0..65535, got ${JSON.stringify(bad)}`,
      );
    }
  });

  it('writes IPv6 hosts in brackets', () => {
    expect(formatHostPort({ host: '::1', port: 5432 })).toBe('[::1]:5432');
    expect(formatHostPort({ host: '127.0.0.1', port: 5432 })).toBe('127.0.0.1:5432');
    expect(formatHostPort({ host: 'localhost', port: 1 })).toBe('localhost:1');
  });

  it('knows loopback: localhost, 127.0.0.0/8 and ::1 in either spelling', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['10.0.0.1', '128.0.0.1', '::2', '', 'example.com', '127.example.com']) expect(isLoopback(host), host).toBe(false);
  });

  it('refuses a non-loopback address with a 403 unless allowed', () => {
    expect(() => checkLoopback({ host: '10.0.0.1', port: 80 }, 'upstream', false)).toThrow(
      expect.objectContaining({ status: 403, message: expect.stringMatching(/^upstream address "10\.0\.0\.1:80" is not loopback/) }),
    );
    expect(() => checkLoopback({ host: '10.0.0.1', port: 80 }, 'upstream', true)).not.toThrow();
    expect(() => checkLoopback({ host: '::1', port: 80 }, 'upstream', false)).not.toThrow();
  });

  it('binds localhost as 127.0.0.1, an empty host on every interface, anything else as written', () => {
    expect(listenHost('localhost')).toBe('127.0.0.1');
    expect(listenHost('')).toBe('::');
    expect(listenHost('::1')).toBe('::1');
  });
});

describe('proxy fields', () => {
  it('defaults listen to loopback on any port and enabled to true', () => {
    expect(parseNewProxy({ name: 'redis', upstream: '127.0.0.1:6379' }, false)).toEqual({
      name: 'redis',
      listen: '127.0.0.1:0',
      upstream: '127.0.0.1:6379',
      enabled: true,
    });
  });

  it('keeps what an update leaves out or empty, and checks what it changes', () => {
    const current = { name: 'redis', listen: '127.0.0.1:1', upstream: '127.0.0.1:6379', enabled: false };
    expect(parseProxyUpdate({ listen: '', upstream: '' }, current, false)).toEqual(current);
    expect(parseProxyUpdate({ upstream: '127.0.0.1:6380', enabled: true }, current, false)).toEqual({
      ...current,
      upstream: '127.0.0.1:6380',
      enabled: true,
    });
    expect(() => parseProxyUpdate([], current, false)).toThrow('bad request body: update of proxy "redis" must be a JSON object, got []');
    expect(() => parseProxyUpdate({ listen: '10.0.0.1:1' }, current, false)).toThrow(/^listen address "10\.0\.0\.1:1" is not loopback/);
    expect(() => parseProxyUpdate({ listen: 'nope' }, current, false)).toThrow(/^bad request body: listen must be "host:port"/);
  });
});

describe('the standalone proxy config file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-proxy-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const file = async (text: string) => {
    const path = join(dir, 'proxies.json');
    await writeFile(path, text);
    return path;
  };

  it('reads a list of proxies', async () => {
    const path = await file(
      JSON.stringify([
        { name: 'redis', listen: '127.0.0.1:0', upstream: '127.0.0.1:6379' },
        { name: 'postgres', upstream: '127.0.0.1:5432', enabled: false },
      ]),
    );
    expect(await loadProxyConfig(path, false)).toEqual({
      ok: true,
      proxies: [
        { name: 'redis', listen: '127.0.0.1:0', upstream: '127.0.0.1:6379', enabled: true },
        { name: 'postgres', listen: '127.0.0.1:0', upstream: '127.0.0.1:5432', enabled: false },
      ],
    });
    expect(await loadProxyConfig(await file('[]'), false)).toEqual({ ok: true, proxies: [] });
  });

  it('reports every bad entry at once, naming the file, the entry and its name', async () => {
    const path = await file(
      JSON.stringify([
        { name: 'redis', upstream: '127.0.0.1:6379' },
        { name: 'redis', upstream: '127.0.0.1:6380' },
        { upstream: '127.0.0.1:1' },
        { name: 'far', upstream: '10.0.0.1:5432' },
        'not an object',
        { name: '', upstream: 'x' },
        null,
      ]),
    );
    expect(await loadProxyConfig(path, false)).toEqual({
      ok: false,
      problems: [
        `${path}: entry 2 ("redis"): the name "redis" is used twice`,
        `${path}: entry 3: missing required field: name`,
        `${path}: entry 4 ("far"): upstream address "10.0.0.1:5432" is not loopback; this proxy only serves loopback (start it with allowNonLoopback / --allow-non-loopback to permit other addresses)`,
        `${path}: entry 5: bad request body: proxy must be a JSON object, got "not an object"`,
        `${path}: entry 6: missing required field: name`,
        `${path}: entry 7: bad request body: proxy must be a JSON object, got null`,
      ],
    });
    expect(await loadProxyConfig(await file(JSON.stringify([{ name: 'far', upstream: '10.0.0.1:5432' }])), true)).toMatchObject({
      ok: true,
    });
  });

  it('refuses a file it cannot read, that is not JSON, or not a list', async () => {
    const missing = join(dir, 'missing.json');
    expect(await loadProxyConfig(missing, false)).toEqual({
      ok: false,
      problems: [expect.stringMatching(new RegExp(`^${missing}: cannot read the proxy config: ENOENT`))],
    });
    const malformed = await file('[{');
    expect(await loadProxyConfig(malformed, false)).toEqual({
      ok: false,
      problems: [expect.stringMatching(new RegExp(`^${malformed}: malformed JSON: `))],
    });
    const object = await file('{"redis": {}}');
    expect(await loadProxyConfig(object, false)).toEqual({
      ok: false,
      problems: [`${object}: expected a JSON list of proxies [{name, listen, upstream}]`],
    });
  });
});

describe('the proxy as a process', () => {
  it('runs firedrill proxy on this Node with its lean flags, on loopback unless told otherwise', () => {
    const main = resolve('src/cli/main.ts');
    expect(proxyProcess({ port: 8474 })).toEqual({
      command: process.execPath,
      args: [...proxyNodeFlags, main, 'proxy', '--host', '127.0.0.1', '--port', '8474'],
      env: {},
    });
    expect(proxyProcess({ port: 0, host: '::1', compileCacheDir: '/tmp/cache', nodeFlags: ['--expose-gc'] })).toEqual({
      command: process.execPath,
      args: ['--expose-gc', main, 'proxy', '--host', '::1', '--port', '0'],
      env: { NODE_COMPILE_CACHE: '/tmp/cache' },
    });
  });

  it('ApiError carries its status', () => {
    expect(new ApiError(418, 'teapot')).toMatchObject({ status: 418, message: 'teapot' });
  });
});
