import { flushCompileCache } from 'node:module';
import { loadProxyConfig } from '../proxy/config-file.ts';
import { startIdleCollector } from '../proxy/idle-collector.ts';
import { startProxyServer } from '../proxy/proxy-server.ts';
import { ConfigError } from './config-error.ts';

export interface ProxyCommandOptions {
  host: string;
  port: string;
  config?: string;
  seed?: string;
  allowNonLoopback?: boolean;
}

/** `firedrill proxy`: runs the fault proxy standalone until SIGINT or SIGTERM, then exits 0. */
export async function proxyCommand(options: ProxyCommandOptions): Promise<number> {
  const port = integer(options.port, '--port', 65535);
  const seed = options.seed === undefined ? undefined : integer(options.seed, '--seed', 0xffffffff);
  const allowNonLoopback = options.allowNonLoopback ?? false;
  const config = options.config ? await loadProxyConfig(options.config, allowNonLoopback) : undefined;
  if (config && !config.ok) throw new ConfigError(`proxy config is invalid:\n  ${config.problems.join('\n  ')}`);
  const server = await startProxyServer({ host: options.host, port, seed, allowNonLoopback }).catch((error: Error) => {
    throw new ConfigError(`proxy: cannot listen on ${options.host}:${port}: ${error.message}`);
  });
  try {
    if (config?.ok) await populate(server.url, options.config!, config.proxies);
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    process.stdout.write(`firedrill proxy listening on ${server.url}\n`);
    flushCompileCache(); // with NODE_COMPILE_CACHE, write it now: the proxy may be killed before it exits
    using _collector = startIdleCollector();
    await stopped;
  } finally {
    await server.close();
  }
  return 0;
}

async function populate(url: string, file: string, proxies: unknown[]): Promise<void> {
  const response = await fetch(`${url}/populate`, { method: 'POST', body: JSON.stringify(proxies) });
  if (response.status === 201) return;
  const { error } = (await response.json()) as { error?: string };
  throw new ConfigError(`${file}: cannot start the proxies it lists: ${error ?? `HTTP ${response.status}`}`);
}

function integer(text: string, flag: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) throw new ConfigError(`${flag} must be an integer from 0 to ${max}, got "${text}"`);
  return value;
}
