// One named proxy: a listener on `listen`, forwarding each accepted client to
// `upstream` through its toxics. Disabled, it closes its listener and drops
// every open connection; enabled again, it listens on the same address.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { formatHostPort, listenHost, parseHostPort } from './address.ts';
import { Connection } from './connection.ts';
import { apiError } from './errors.ts';
import type { Random } from './random.ts';
import { ToxicCollection } from './toxic-collection.ts';
import { toxicJson, type ToxicJson } from './toxic-config.ts';

/**
 * The listen backlog: the kernel caps it at net.core.somaxconn (4096 by
 * default since Linux 5.4), as Go's listeners (Toxiproxy's) ask for. Node's
 * default, 511, let a burst of 1,000 connections overflow the accept queue:
 * the kernel dropped the SYNs beyond it and those clients retried 1 s later.
 */
export const listenBacklog = 65535;

export interface ProxyJson {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicJson[];
}

export interface ProxyRandom {
  readonly random: Random;
  readonly toxicityRandom: Random;
}

// biome-ignore lint/suspicious/noShadowRestrictedNames: named after Toxiproxy's Proxy, whose API this serves; the global Proxy is not used here
export class Proxy {
  readonly name: string;
  readonly toxics: ToxicCollection;
  listen: string;
  upstream: string;
  readonly #random: ProxyRandom;
  readonly #connections = new Set<Connection>();
  /** Upstream sockets still connecting, with their clients. */
  readonly #dialing = new Map<Socket, Socket>();
  #server: Server | undefined;

  constructor(name: string, listen: string, upstream: string, random: ProxyRandom) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.#random = random;
    this.toxics = new ToxicCollection(name);
  }

  get enabled(): boolean {
    return this.#server !== undefined;
  }

  /** Listens on `listen`; port 0 picks a free port and `listen` then names the real one. */
  async start(): Promise<void> {
    if (this.#server) return;
    const { host, port } = parseHostPort(this.listen, 'listen');
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true }, (client) => this.#accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: listenHost(host), port, backlog: listenBacklog }, () => resolve());
    }).catch((error: NodeJS.ErrnoException) => {
      throw apiError('listenFailed', this.name, this.listen, `${error.message}`);
    });
    server.on('error', () => undefined); // after listening, errors concern one accept only
    const address = server.address();
    if (address && typeof address === 'object') this.listen = formatHostPort({ host: address.address, port: address.port });
    this.#server = server;
  }

  /** Closes the listener and drops every connection (FIN), as Toxiproxy's stop(). */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [upstream, client] of this.#dialing) {
      upstream.destroy();
      client.destroy();
    }
    for (const connection of this.#connections) connection.destroy();
    await closed;
  }

  /** Whether `listen` (resolved) or `upstream` differ from this proxy's, as Toxiproxy's Differs(). */
  differs(listen: string, upstream: string): boolean {
    const { host, port } = parseHostPort(listen, 'listen');
    return formatHostPort({ host: listenHost(host), port }) !== this.listen || upstream !== this.upstream;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  toJSON(): ProxyJson {
    const { name, listen, upstream, enabled } = this;
    return { name, listen, upstream, enabled, toxics: this.toxics.list().map(toxicJson) };
  }

  #accept(client: Socket): void {
    const { host, port } = parseHostPort(this.upstream, 'upstream');
    const server = createConnection({ host, port, allowHalfOpen: true, noDelay: true });
    this.#dialing.set(server, client);
    const fail = () => {
      this.#dialing.delete(server);
      client.destroy();
      server.destroy();
    };
    client.on('error', fail);
    server.once('error', fail);
    server.once('connect', () => {
      this.#dialing.delete(server);
      client.off('error', fail);
      server.off('error', fail);
      if (!this.#server || client.destroyed) return fail();
      const connection = new Connection(client, server, { toxics: this.toxics, ...this.#random });
      this.#connections.add(connection);
      void connection.closed.then(() => this.#connections.delete(connection));
    });
  }
}
