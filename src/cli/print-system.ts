import { declaredLinks } from '../config/declared-links.ts';
import { datastoreNames } from '../config/datastore-schema.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { describeConfig } from './system-options.ts';

/**
 * The system under test as `firedrill list` shows it, beside the scenarios:
 *
 *   System: reference-ats (fixtures/ats/firedrill.config.ts, sha256 …; …)
 *     datastores  postgres 15, redis 7
 *     services    exchange (EXCHANGE_PORT), order-gateway (GATEWAY_PORT), …
 *     links       gateway-postgres  order-gateway → postgres  (PGPORT)
 */
export function printSystem(loaded: LoadedConfig, out: (line: string) => void): void {
  const { config } = loaded;
  out(`System: ${describeConfig(loaded)}`);
  const datastores = datastoreNames.flatMap((name) => {
    const datastore = config.datastores[name];
    return datastore ? [`${name} ${datastore.version}`] : [];
  });
  out(`  datastores  ${datastores.join(', ') || 'none'}`);
  out(`  services    ${config.services.map((s) => `${s.name} (${s.portVariable})`).join(', ')}`);
  const links = declaredLinks(config);
  const width = Math.max(0, ...links.map((link) => link.name.length));
  const route = (link: (typeof links)[number]) => `${link.from} → ${link.to}`;
  const routeWidth = Math.max(0, ...links.map((link) => route(link).length));
  for (const [i, link] of links.entries())
    out(
      `  ${(i === 0 ? 'links' : '').padEnd(10)}  ${link.name.padEnd(width)}  ${route(link).padEnd(routeWidth)}  (${link.variables.join(', ')})`,
    );
  if (links.length === 0) out('  links       none: no dependency passes through the fault proxy');
}
