import { declaredLinks } from '../config/declared-links.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { datastoreNames } from '../config/datastore-schema.ts';
import { shownPath } from '../shown-path.ts';

/**
 * Which system a run drilled, for the evidence: the config file (shown as the
 * runbook is), the hash of its bytes, and the datastores, services and links
 * it declared.
 */
export interface ConfigIdentity {
  readonly path: string;
  readonly sha256: string;
  readonly name: string;
  readonly datastores: readonly { readonly name: string; readonly version: string }[];
  readonly services: readonly string[];
  readonly links: readonly { readonly name: string; readonly from: string; readonly to: string; readonly variables: readonly string[] }[];
}

export function configIdentity(loaded: LoadedConfig): ConfigIdentity {
  const { config } = loaded;
  return {
    path: shownPath(loaded.file),
    sha256: loaded.sha256,
    name: config.name,
    datastores: datastoreNames.flatMap((name) => {
      const datastore = config.datastores[name];
      return datastore ? [{ name, version: datastore.version }] : [];
    }),
    services: config.services.map((service) => service.name),
    links: declaredLinks(config).map(({ name, from, to, variables }) => ({ name, from, to, variables })),
  };
}
