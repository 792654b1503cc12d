// One proxied TCP connection: the client's socket, the upstream server's
// socket and the two links between them. Each side may half-close (the end
// passes through its link); an error on either socket drops both; a toxic may
// close (FIN after what was sent) or reset (RST) both.
import type { Socket } from 'node:net';
import { Link, type LinkOwner } from './link.ts';
import type { Random } from './random.ts';
import type { ToxicCollection } from './toxic-collection.ts';

/** How long a closing connection may take to flush before it is destroyed. */
const closeFlushMs = 2000;

export interface ConnectionContext {
  readonly toxics: ToxicCollection;
  readonly random: Random;
  readonly toxicityRandom: Random;
}

export class Connection implements LinkOwner {
  readonly random: Random;
  readonly toxicityRandom: Random;
  readonly #client: Socket;
  readonly #server: Socket;
  readonly #links: readonly Link[];
  readonly #toxics: ToxicCollection;
  readonly closed: Promise<void>;

  constructor(client: Socket, server: Socket, context: ConnectionContext) {
    this.#client = client;
    this.#server = server;
    this.#toxics = context.toxics;
    this.random = context.random;
    this.toxicityRandom = context.toxicityRandom;
    for (const socket of [client, server]) {
      socket.setNoDelay(true);
      socket.on('error', () => this.destroy());
    }
    const upstream = new Link('upstream', client, server, context.toxics.forStream('upstream'), this);
    const downstream = new Link('downstream', server, client, context.toxics.forStream('downstream'), this);
    this.#links = [upstream, downstream];
    this.closed = Promise.all([onceClosed(client), onceClosed(server)]).then(() => this.#dispose());
    for (const link of this.#links) context.toxics.attach(link);
    for (const link of this.#links) link.start();
  }

  close(): void {
    this.#abortLinks();
    for (const socket of [this.#client, this.#server]) {
      if (socket.destroyed) continue;
      const force = setTimeout(() => socket.destroy(), closeFlushMs);
      socket.once('close', () => clearTimeout(force));
      socket.end(() => socket.destroy());
    }
  }

  reset(): void {
    this.#abortLinks();
    for (const socket of [this.#client, this.#server]) {
      if (socket.destroyed) continue;
      try {
        socket.resetAndDestroy();
      } catch {
        socket.destroy();
      }
    }
  }

  destroy(): void {
    this.#abortLinks();
    this.#client.destroy();
    this.#server.destroy();
  }

  #abortLinks(): void {
    for (const link of this.#links) link.abort();
  }

  #dispose(): void {
    this.#abortLinks();
    for (const link of this.#links) this.#toxics.detach(link);
  }
}

function onceClosed(socket: Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}
