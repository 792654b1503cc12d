/**
 * The compose services that are PostgreSQL or Redis become the config's
 * datastores: firedrill starts them itself (its own port, database and
 * generated password, its own checks), so of each only the image and the
 * version its tag names are kept. A second one of a kind has no place: the
 * services that reach it are reported, not linked.
 */
import type { ConfigInput } from '../config/config-schema.ts';
import { type DatastoreName, datastoresSchema } from '../config/datastore-schema.ts';
import type { ComposeService } from './compose-service.ts';
import { datastoreImage } from './datastore-image.ts';
import { type DependencyTarget, defaultPorts, postgresCredentials } from './dependency-target.ts';
import type { ImportNote } from './import-note.ts';
import { interpolate } from './interpolation.ts';

export interface TranslatedDatastores {
  readonly datastores: NonNullable<ConfigInput['datastores']>;
  /** Keyed by compose name: every datastore service, the ones firedrill cannot run without a dependency. */
  readonly targets: ReadonlyMap<string, DependencyTarget>;
  /** `postgres 15 (db: postgres:15)`. */
  readonly summary: readonly string[];
  readonly notes: readonly ImportNote[];
}

/** Assumed when a tag names no version: what Debian 12 ships, which the local runtime runs. */
const assumedVersions: Readonly<Record<DatastoreName, string>> = { postgres: '15', redis: '7' };

const ownSetup: Readonly<Record<DatastoreName, string>> = {
  postgres: 'on its own port, with its own database and a generated password',
  redis: 'on its own port, without persistence',
};

export function translateDatastores(services: readonly ComposeService[]): TranslatedDatastores {
  const datastores: Partial<Record<DatastoreName, { version: string; docker?: { image: string } }>> = {};
  const targets = new Map<string, DependencyTarget>();
  const summary: string[] = [];
  const notes: ImportNote[] = [];
  for (const service of services) {
    const image = interpolate(service.image ?? '').text;
    const kind = datastoreImage(image);
    if (!kind) continue;
    const source = `services.${service.name}`;
    const at = `datastores.${kind.datastore}`;
    const first = datastores[kind.datastore] === undefined;
    targets.set(service.name, {
      composeName: service.name,
      ...(first ? { dependency: kind.datastore } : {}),
      datastore: kind.datastore,
      ports: [defaultPorts[kind.datastore], ...service.containerPorts],
      ...(kind.datastore === 'postgres' ? { credentials: postgresCredentials(service.environment) } : {}),
    });
    if (!first) {
      notes.push({ at, source, text: `a second ${kind.datastore} (${image}): firedrill runs one; not translated` });
      continue;
    }
    const version = kind.version ?? assumedVersions[kind.datastore];
    if (kind.version === undefined)
      notes.push({ at: `${at}.version`, source: `${source}.image`, text: `${image}'s tag names no version; ${version} assumed` });
    const valid = datastoresSchema.safeParse({ [kind.datastore]: { version, docker: { image } } }).success;
    if (!valid)
      notes.push({
        at,
        source: `${source}.image`,
        text: `"${image}" is not an image name firedrill accepts here; docker left out: name the image for a docker run`,
      });
    datastores[kind.datastore] = { version, ...(valid ? { docker: { image } } : {}) };
    summary.push(`${kind.datastore} ${version} (${service.name}: ${image})`);
    const ignored = [...service.environment.keys(), ...service.untranslated.keys(), ...(service.healthcheck ? ['healthcheck'] : [])];
    const initScripts = JSON.stringify(service.untranslated.get('volumes') ?? []).includes('docker-entrypoint-initdb.d');
    notes.push({
      at,
      source,
      text:
        `firedrill starts ${kind.datastore} itself (${ownSetup[kind.datastore]}) and checks it itself: only the image was kept` +
        (ignored.length > 0 ? ` (not ${ignored.join(', ')})` : '') +
        (initScripts
          ? '; the init scripts it mounts into /docker-entrypoint-initdb.d belong in datastores.postgres.migrations (a directory of NNN_name.sql files)'
          : ''),
    });
  }
  return { datastores, targets, summary, notes };
}
