// One direction of one proxied connection: source socket → toxic chain →
// destination socket (upstream: client → server; downstream: server → client).
//
// With no toxic applying, a chunk goes straight to the destination (the fast
// path). Otherwise chunks queue and pass down the chain one at a time. The
// source is paused while the destination refuses more (write() returned
// false, until 'drain') or the queue holds maxQueuedBytes: memory stays
// bounded however slow the reader or the toxic.
import type { Socket } from 'node:net';
import type { Random } from './random.ts';
import type { Stream, ToxicConfig } from './toxic-config.ts';
import { ToxicStage, type StageHost } from './toxic-stage.ts';
import type { Chunk } from './toxics/toxic.ts';

export const maxQueuedBytes = 1 << 20;
const end = Symbol('end of stream');

/** The connection a link belongs to. */
export interface LinkOwner {
  readonly random: Random;
  readonly toxicityRandom: Random;
  /** A toxic ended the connection (limit_data, timeout). */
  close(): void;
  reset(): void;
  /** Something went wrong that should not have: drop the connection. */
  destroy(error?: unknown): void;
}

export class Link implements StageHost {
  readonly stream: Stream;
  readonly #source: Socket;
  readonly #dest: Socket;
  readonly #owner: LinkOwner;
  readonly #stages: ToxicStage[];
  readonly #queue: (Chunk | typeof end)[] = [];
  readonly #drainWaiters: (() => void)[] = [];
  #queuedBytes = 0;
  #pumping = false;
  #destBlocked = false;
  #closing = false;

  constructor(stream: Stream, source: Socket, dest: Socket, toxics: readonly ToxicConfig[], owner: LinkOwner) {
    this.stream = stream;
    this.#source = source;
    this.#dest = dest;
    this.#owner = owner;
    this.#stages = toxics.map((toxic) => new ToxicStage(toxic, this));
    source.pause();
    source.on('data', (data: Buffer) => this.#onData(data));
    source.on('end', () => this.#enqueue(end));
    dest.on('drain', () => this.#drained());
    dest.on('close', () => this.#drained());
  }

  get closing(): boolean {
    return this.#closing;
  }
  get random(): Random {
    return this.#owner.random;
  }
  get toxicityRandom(): Random {
    return this.#owner.toxicityRandom;
  }

  start(): void {
    this.#updateFlow();
  }

  addToxic(toxic: ToxicConfig): void {
    if (!this.#closing) this.#stages.push(new ToxicStage(toxic, this));
  }

  updateToxic(toxic: ToxicConfig): void {
    this.#stages.find((stage) => stage.config === toxic)?.restart();
  }

  removeToxic(toxic: ToxicConfig): void {
    const index = this.#stages.findIndex((stage) => stage.config === toxic);
    if (index < 0) return;
    this.#stages[index]!.remove();
    this.#stages.splice(index, 1);
    this.#updateFlow();
  }

  /** The connection is going away: drop what is queued, wake every wait, stop every toxic. */
  abort(): void {
    this.#closing = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    for (const stage of this.#stages) stage.remove();
    this.#drained();
  }

  emitFrom(stage: ToxicStage | undefined, chunk: Chunk): Promise<void> {
    if (this.#closing) return Promise.resolve();
    const after = stage?.config.order ?? -1;
    const next = this.#stages.find((s) => s.config.order > after && s.active);
    return next ? next.config.kind.pipe(chunk, next) : this.#write(chunk.data);
  }

  closeFrom(stage: ToxicStage): void {
    this.#finish(stage).then(
      () => this.#owner.close(),
      (error: unknown) => this.#owner.destroy(error),
    );
  }

  reset(): void {
    this.#owner.reset();
  }

  #onData(data: Buffer): void {
    if (this.#closing || !this.#dest.writable) return;
    if (this.#queue.length === 0 && !this.#pumping && !this.#stages.some((s) => s.active)) {
      if (!this.#dest.write(data)) this.#blocked();
      return;
    }
    this.#enqueue({ data, t: performance.now() });
  }

  #enqueue(item: Chunk | typeof end): void {
    if (this.#closing) return;
    this.#queue.push(item);
    if (item !== end) this.#queuedBytes += item.data.length;
    this.#updateFlow();
    if (!this.#pumping) this.#pump().catch((error: unknown) => this.#owner.destroy(error));
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      for (let item = this.#queue.shift(); item !== undefined && !this.#closing; item = this.#queue.shift()) {
        if (item === end) return await this.#finish(undefined);
        this.#queuedBytes -= item.data.length;
        this.#updateFlow();
        await this.emitFrom(undefined, item);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #write(data: Buffer): Promise<void> {
    while (this.#destBlocked && !this.#closing) await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    if (this.#closing || !this.#dest.writable) return;
    if (!this.#dest.write(data)) this.#blocked();
  }

  /** The end of the stream passes down the chain (from a toxic that closed it, or from the start). */
  async #finish(from: ToxicStage | undefined): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    for (const stage of this.#stages) stage.interrupt();
    const after = from?.config.order ?? -1;
    for (const stage of this.#stages.filter((s) => s.config.order > after)) await stage.passEnd();
    if (!from && this.#dest.writable) this.#dest.end();
  }

  #blocked(): void {
    this.#destBlocked = true;
    this.#updateFlow();
  }

  #drained(): void {
    this.#destBlocked = false;
    for (const wake of this.#drainWaiters.splice(0)) wake();
    this.#updateFlow();
  }

  #updateFlow(): void {
    const hold = this.#closing || this.#destBlocked || this.#queuedBytes >= maxQueuedBytes;
    if (hold) this.#source.pause();
    else this.#source.resume();
  }
}
