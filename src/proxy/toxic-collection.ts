// A proxy's toxics, in chain order, and the live links they act on. Adding,
// updating or removing a toxic takes effect on every open connection at once,
// as Toxiproxy's ToxicCollection does.
import { apiError } from './errors.ts';
import type { Link } from './link.ts';
import { applyToxicUpdate, type Stream, type ToxicConfig } from './toxic-config.ts';

export class ToxicCollection {
  readonly #proxyName: string;
  readonly #toxics: ToxicConfig[] = [];
  readonly #links = new Set<Link>();
  #nextOrder = 0;

  constructor(proxyName: string) {
    this.#proxyName = proxyName;
  }

  /** Upstream toxics first, then downstream, each in the order they were added (as Toxiproxy lists them). */
  list(): ToxicConfig[] {
    return [...this.forStream('upstream'), ...this.forStream('downstream')];
  }

  forStream(stream: Stream): ToxicConfig[] {
    return this.#toxics.filter((toxic) => toxic.stream === stream);
  }

  get(name: string): ToxicConfig {
    const toxic = this.#toxics.find((t) => t.name === name);
    if (!toxic) throw apiError('toxicNotFound', this.#proxyName, name);
    return toxic;
  }

  add(toxic: ToxicConfig): ToxicConfig {
    if (this.#toxics.some((t) => t.name === toxic.name)) throw apiError('toxicAlreadyExists', this.#proxyName, toxic.name);
    toxic.order = this.#nextOrder++;
    this.#toxics.push(toxic);
    for (const link of this.#linksOf(toxic.stream)) link.addToxic(toxic);
    return toxic;
  }

  update(name: string, body: unknown): ToxicConfig {
    const toxic = this.get(name);
    applyToxicUpdate(toxic, body);
    for (const link of this.#linksOf(toxic.stream)) link.updateToxic(toxic);
    return toxic;
  }

  remove(name: string): void {
    const toxic = this.get(name);
    this.#toxics.splice(this.#toxics.indexOf(toxic), 1);
    for (const link of this.#linksOf(toxic.stream)) link.removeToxic(toxic);
  }

  clear(): void {
    for (const toxic of [...this.#toxics]) this.remove(toxic.name);
  }

  attach(link: Link): void {
    this.#links.add(link);
  }

  detach(link: Link): void {
    this.#links.delete(link);
  }

  #linksOf(stream: Stream): Link[] {
    return [...this.#links].filter((link) => link.stream === stream);
  }
}
