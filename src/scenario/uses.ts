/**
 * What of the system under test a fault, probe or check reaches by name: its
 * components (`env.service(name)`: the config's datastores and services) and
 * its links through the fault proxy (`env.link(name)`). The factory that makes
 * one declares them, names written inside it included, so that a scenario's
 * names are checked against the config before anything starts
 * (scenario-names.ts) instead of failing mid-run.
 */
import type { LinkName, ServiceName } from '../runtime/runtime.ts';

export interface Uses {
  readonly services?: readonly ServiceName[];
  readonly links?: readonly LinkName[];
}

/** What several parts use together, each name once: what a composite (`not`, `allOf`, `transient`) declares. */
export function usesOf(...parts: readonly { readonly uses?: Uses }[]): Uses {
  const services = new Set(parts.flatMap((part) => part.uses?.services ?? []));
  const links = new Set(parts.flatMap((part) => part.uses?.links ?? []));
  return { ...(services.size > 0 ? { services: [...services] } : {}), ...(links.size > 0 ? { links: [...links] } : {}) };
}
