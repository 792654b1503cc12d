/**
 * The harness's only way to talk to a fault proxy — firedrill's own or a real
 * Toxiproxy — configured by URL, over toxiproxy-node-client. It mends the
 * client's gaps without forking it: errors carry the HTTP status and message
 * (status-aware-http.ts), the version is parsed, updates are partial, and the
 * toxics of a proxy can be listed.
 */
import { Toxiproxy } from 'toxiproxy-node-client';
import { statusAwareHttp } from './status-aware-http.ts';

export type Stream = 'upstream' | 'downstream';
export type ToxicType = 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'drop' | 'reset_peer' | 'slicer' | 'limit_data';

export interface ProxySpec {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled?: boolean;
}

export interface ToxicSpec {
  readonly type: ToxicType;
  readonly attributes: Readonly<Record<string, number>>;
  readonly name?: string;
  readonly stream?: Stream;
  readonly toxicity?: number;
}

export type ProxyState = Required<ProxySpec> & { readonly toxics: readonly Required<ToxicSpec>[] };

export interface FaultProxyClient {
  readonly url: string;
  version(): Promise<string>;
  populate(proxies: readonly ProxySpec[]): Promise<ProxyState[]>;
  proxy(name: string): Promise<ProxyState>;
  proxies(): Promise<Record<string, ProxyState>>;
  /** Only the fields given change. */
  updateProxy(name: string, change: Partial<Omit<ProxySpec, 'name'>>): Promise<ProxyState>;
  deleteProxy(name: string): Promise<void>;
  addToxic(proxy: string, toxic: ToxicSpec): Promise<Required<ToxicSpec>>;
  /** Only the fields given change; attributes merge. */
  updateToxic(proxy: string, toxic: string, change: Partial<Omit<ToxicSpec, 'name' | 'type'>>): Promise<Required<ToxicSpec>>;
  removeToxic(proxy: string, toxic: string): Promise<void>;
  toxics(proxy: string): Promise<Required<ToxicSpec>[]>;
  /** Enables every proxy and removes every toxic. */
  reset(): Promise<void>;
}

export function faultProxyClient(url: string): FaultProxyClient {
  const toxiproxy = new Toxiproxy(url.replace(/\/$/, ''));
  const http = statusAwareHttp();
  toxiproxy.api = http;
  const path = (proxy: string) => `${toxiproxy.host}/proxies/${encodeURIComponent(proxy)}`;
  const state = async (name: string) => (await toxiproxy.get(name)).toJson() as ProxyState;
  return {
    url: toxiproxy.host,
    version: async () => parseVersion(await toxiproxy.getVersion()),
    populate: async (proxies) => Object.values(await toxiproxy.populate([...proxies])).map((p) => p.toJson() as ProxyState),
    proxy: state,
    proxies: async () => Object.fromEntries(Object.entries(await toxiproxy.getAll()).map(([name, p]) => [name, p.toJson() as ProxyState])),
    async updateProxy(name, change) {
      const current = await toxiproxy.get(name);
      const updated = await current.update({ enabled: current.enabled, listen: current.listen, upstream: current.upstream, ...change });
      return updated.toJson() as ProxyState;
    },
    deleteProxy: async (name) => (await toxiproxy.get(name)).remove(),
    // Posted as JSON: the client library's types know only Toxiproxy's toxics, not firedrill's `drop`.
    addToxic: async (proxy, toxic) => (await http.post<Required<ToxicSpec>>(`${path(proxy)}/toxics`, withDefaults(toxic))).data,
    async updateToxic(proxy, name, change) {
      const current = (await (await toxiproxy.get(proxy)).getToxic<Record<string, number>>(name)).toJson();
      const body = { ...current, ...change, attributes: { ...current.attributes, ...change.attributes } };
      return (await http.post<Required<ToxicSpec>>(`${path(proxy)}/toxics/${encodeURIComponent(name)}`, body)).data;
    },
    removeToxic: async (proxy, name) => (await (await toxiproxy.get(proxy)).getToxic(name)).remove(),
    toxics: async (proxy) => (await http.get<Required<ToxicSpec>[]>(`${path(proxy)}/toxics`)).data,
    reset: () => toxiproxy.reset(),
  };
}

function withDefaults(toxic: ToxicSpec) {
  const stream = toxic.stream ?? 'downstream';
  return {
    name: toxic.name ?? `${toxic.type}_${stream}`,
    type: toxic.type,
    stream,
    toxicity: toxic.toxicity ?? 1,
    attributes: { ...toxic.attributes },
  };
}

/** Toxiproxy answers `{"version": "2.9.0"}` (older ones plain text); the client hands back the raw body. */
function parseVersion(body: string): string {
  try {
    const parsed = JSON.parse(body) as { version?: unknown };
    if (typeof parsed.version === 'string') return parsed.version;
  } catch {
    // plain text
  }
  return body.trim();
}
