// The server's proxies by name: creation (409 on a duplicate), lookup (404),
// removal, and populate — Toxiproxy's idempotent bulk create, where an
// identical existing proxy is kept as it is and a changed one is replaced.
import { apiError } from './errors.ts';
// biome-ignore lint/suspicious/noShadowRestrictedNames: see proxy.ts
import { Proxy, type ProxyRandom } from './proxy.ts';
import { parseNewProxy, parseProxyUpdate, type ProxyInput } from './proxy-input.ts';

export class ProxyCollection {
  readonly #proxies = new Map<string, Proxy>();
  readonly #random: ProxyRandom;
  readonly allowNonLoopback: boolean;

  constructor(random: ProxyRandom, allowNonLoopback: boolean) {
    this.#random = random;
    this.allowNonLoopback = allowNonLoopback;
  }

  list(): Proxy[] {
    return [...this.#proxies.values()];
  }

  get(name: string): Proxy {
    const proxy = this.#proxies.get(name);
    if (!proxy) throw apiError('proxyNotFound', name);
    return proxy;
  }

  async create(body: unknown): Promise<Proxy> {
    const input = parseNewProxy(body, this.allowNonLoopback);
    if (this.#proxies.has(input.name)) throw apiError('proxyAlreadyExists', input.name);
    return this.#add(input);
  }

  async update(name: string, body: unknown): Promise<Proxy> {
    const proxy = this.get(name);
    const input = parseProxyUpdate(body, proxy, this.allowNonLoopback);
    if (proxy.differs(input.listen, input.upstream)) {
      await proxy.stop();
      proxy.listen = input.listen;
      proxy.upstream = input.upstream;
    }
    await (input.enabled ? proxy.start() : proxy.stop());
    return proxy;
  }

  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    this.#proxies.delete(name);
    await proxy.stop();
  }

  /** Validates every entry before changing anything; returns the proxies in the order given. */
  async populate(body: unknown): Promise<{ proxies: Proxy[]; error?: unknown }> {
    if (!Array.isArray(body)) throw apiError('badRequestBody', 'populate expects a JSON array of proxies');
    const inputs = body.map((entry: unknown, i) => parseNewProxy(entry, this.allowNonLoopback, ` at proxy ${i + 1}`));
    const proxies: Proxy[] = [];
    for (const input of inputs) {
      try {
        proxies.push(await this.#addOrReplace(input));
      } catch (error) {
        return { proxies, error };
      }
    }
    return { proxies };
  }

  async reset(): Promise<void> {
    for (const proxy of this.#proxies.values()) {
      proxy.toxics.clear();
      await proxy.start();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.list().map((proxy) => proxy.stop()));
    this.#proxies.clear();
  }

  async #addOrReplace(input: ProxyInput): Promise<Proxy> {
    const existing = this.#proxies.get(input.name);
    if (existing && !existing.differs(input.listen, input.upstream)) return existing;
    if (existing) {
      this.#proxies.delete(input.name);
      await existing.stop();
    }
    return this.#add(input);
  }

  async #add(input: ProxyInput): Promise<Proxy> {
    const proxy = new Proxy(input.name, input.listen, input.upstream, this.#random);
    if (input.enabled) await proxy.start();
    this.#proxies.set(input.name, proxy);
    return proxy;
  }
}
