// One toxic on one link: the ToxicRun its toxic sees. It decides once whether
// the toxic applies to this connection (probability = toxicity), and again
// after an update, as Toxiproxy re-rolls when it restarts a toxic. Removing
// or updating the toxic interrupts whatever it waits for.
import type { Random } from './random.ts';
import type { ToxicConfig } from './toxic-config.ts';
import { type Chunk, maxTimerMs, type ToxicRun } from './toxics/toxic.ts';

/** What a stage needs from its link. */
export interface StageHost {
  readonly closing: boolean;
  /** For the toxics' own randomness (jitter, slice sizes). */
  readonly random: Random;
  /** For toxicity decisions only, so they do not depend on traffic. */
  readonly toxicityRandom: Random;
  emitFrom(stage: ToxicStage, chunk: Chunk): Promise<void>;
  closeFrom(stage: ToxicStage): void;
  reset(): void;
}

export class ToxicStage implements ToxicRun<string, unknown> {
  readonly config: ToxicConfig;
  readonly state: unknown;
  applies = false;
  removed = false;
  #ending = false;
  readonly #host: StageHost;
  readonly #waiters = new Set<() => void>();
  #stop: (() => void) | undefined;

  constructor(config: ToxicConfig, host: StageHost) {
    this.config = config;
    this.#host = host;
    this.state = config.kind.newState?.();
    this.#start();
  }

  get attributes(): Readonly<Record<string, number>> {
    return this.config.attributes;
  }

  get active(): boolean {
    return this.applies && !this.removed && !this.#host.closing;
  }

  random(): number {
    return this.#host.random.next();
  }

  emit(chunk: Chunk): Promise<void> {
    return this.#host.emitFrom(this, chunk);
  }

  sleep(ms: number): Promise<boolean> {
    // While the end passes on (slow_close), a closing link does not cut the wait short.
    const allowed = this.#ending ? this.applies && !this.removed : this.active;
    if (!allowed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(false);
      };
      // Attributes stop at maxTimerMs, but latency + jitter may add up to more:
      // wait the longest a timer can (Node would fire a longer one at once).
      const timer = setTimeout(
        () => {
          this.#waiters.delete(wake);
          resolve(true);
        },
        Math.min(ms, maxTimerMs),
      );
      this.#waiters.add(wake);
    });
  }

  interrupted(): Promise<void> {
    return new Promise((resolve) => this.#waiters.add(resolve));
  }

  close(): void {
    if (this.active) this.#host.closeFrom(this);
  }

  reset(): void {
    if (this.active) this.#host.reset();
  }

  /** The source ended: let the toxic hold the end back (slow_close). */
  async passEnd(): Promise<void> {
    if (!this.applies || this.removed || !this.config.kind.end) return;
    this.#ending = true;
    await this.config.kind.end(this);
  }

  /** The toxic's attributes or toxicity changed: interrupt, roll again, restart. */
  restart(): void {
    this.#halt();
    this.#start();
  }

  /** The toxic was removed from the proxy or the link is closing. */
  remove(): void {
    this.removed = true;
    this.#halt();
  }

  /** Wakes every wait (the link is closing); the toxic stays in the chain. */
  interrupt(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  #start(): void {
    this.applies = this.#host.toxicityRandom.next() < this.config.toxicity;
    if (this.active) this.#stop = this.config.kind.activate?.(this);
  }

  #halt(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.interrupt();
  }
}
