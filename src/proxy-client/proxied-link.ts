import type { LinkName } from '../runtime/runtime.ts';
import type { FaultProxyClient, ToxicSpec } from './fault-proxy-client.ts';
import { FaultProxyError } from './fault-proxy-error.ts';

/** One dependency link (gateway→redis, …) as the proxy's named proxy. */
export interface ProxiedLink {
  readonly name: LinkName;
  /** Adds a toxic; the returned remove() is idempotent (a toxic already gone is fine). */
  addToxic(toxic: ToxicSpec): Promise<{ readonly name: string; remove(): Promise<void> }>;
  /** Disabled: open connections are dropped and new ones refused. */
  setEnabled(enabled: boolean): Promise<void>;
  toxics(): Promise<readonly Required<ToxicSpec>[]>;
}

export function proxiedLink(client: FaultProxyClient, name: LinkName): ProxiedLink {
  return {
    name,
    async addToxic(toxic) {
      const added = await client.addToxic(name, toxic);
      return { name: added.name, remove: () => client.removeToxic(name, added.name).catch(ignoreNotFound) };
    },
    async setEnabled(enabled) {
      await client.updateProxy(name, { enabled });
    },
    toxics: () => client.toxics(name),
  };
}

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof FaultProxyError && error.status === 404)) throw error;
}
