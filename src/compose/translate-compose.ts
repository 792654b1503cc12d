/**
 * A compose project as a starting firedrill config:
 *
 *   postgres / timescale / postgis image ──> datastores.postgres   (translate-datastores.ts)
 *   redis / valkey image                 ──> datastores.redis
 *   every other service                  ──> services[i]           (translate-service.ts)
 *       env naming another service as host ──> links.<dependency>  (link-variables.ts)
 *   monitoring, runbook, workload         ──> placeholders to write
 *
 * with a note for everything assumed or left out.
 */
import type { ConfigInput } from '../config/config-schema.ts';
import { datastoreNames } from '../config/datastore-schema.ts';
import { ComposeFileError } from './compose-file-error.ts';
import type { DependencyTarget } from './dependency-target.ts';
import type { ImportNote } from './import-note.ts';
import type { ComposeProject } from './read-compose-file.ts';
import { translateDatastores } from './translate-datastores.ts';
import { translateService } from './translate-service.ts';
import { untranslatedKeyNotes } from './untranslated-keys.ts';
import { placeholderNotes, placeholders } from './placeholder-fields.ts';

export interface ComposeImport {
  readonly config: ConfigInput;
  readonly notes: readonly ImportNote[];
  /** What was translated, for the report: `postgres 15 (db: postgres:15)`, `api (PORT, health /health)`, `api → postgres (DATABASE_URL)`. */
  readonly translated: { readonly datastores: readonly string[]; readonly services: readonly string[]; readonly links: readonly string[] };
}

export function translateCompose(project: ComposeProject): ComposeImport {
  const stores = translateDatastores(project.services);
  const apps = project.services.filter((service) => !stores.targets.has(service.name));
  if (apps.length === 0)
    throw new ComposeFileError(project.file, [
      {
        field: 'services',
        message: `expected at least one service besides the datastores (${[...stores.targets.keys()].join(', ')}); firedrill drills services`,
      },
    ]);
  const names = configNames(
    apps.map((service) => service.name),
    datastoreNames.filter((name) => stores.datastores[name]),
  );
  const hosts = new Map<string, DependencyTarget>();
  for (const service of project.services) {
    const target = stores.targets.get(service.name) ?? {
      composeName: service.name,
      dependency: names.get(service.name)!,
      ports: service.containerPorts,
    };
    for (const host of service.hostNames) hosts.set(host.toLowerCase(), target);
  }
  const services = apps.map((service, index) =>
    translateService(service, names.get(service.name)!, { service: service.name, at: `services[${index}]`, hosts }),
  );
  const renamed = apps.flatMap((service, index) =>
    names.get(service.name) === service.name
      ? []
      : [
          {
            at: `services[${index}].name`,
            source: `services.${service.name}`,
            text: `named ${names.get(service.name)}: firedrill's names are kebab-case and unique`,
          },
        ],
  );
  return {
    config: {
      name: project.name,
      datastores: stores.datastores,
      services: services.map((translated) => translated.service),
      ...placeholders,
    },
    notes: [
      ...headNotes,
      ...untranslatedKeyNotes(project.untranslated, '', ''),
      ...stores.notes,
      ...renamed,
      ...services.flatMap((translated) => translated.notes),
      ...placeholderNotes,
    ],
    translated: {
      datastores: stores.summary,
      services: services.map(({ service }) => `${service.name} (${service.portVariable}, health ${service.paths.health})`),
      links: services.flatMap(({ service }) =>
        Object.entries(service.links ?? {}).map(([to, link]) => `${service.name} → ${to} (${Object.keys(link.variables).join(', ')})`),
      ),
    },
  };
}

const headNotes: ImportNote[] = [
  {
    at: '',
    source: 'images',
    text: 'the docker runtime pulls and builds no image: each image named here must be in the local Docker engine first (docker pull, load or build)',
  },
];

/** Each compose name's config name: kebab-case, unique, and none a datastore's (`api_v2` → `api-v2`, a second one `api-v2-2`). */
function configNames(composeNames: readonly string[], taken: readonly string[]): Map<string, string> {
  const used = new Set<string>(taken);
  const names = new Map<string, string>();
  for (const composeName of composeNames) {
    const base =
      composeName
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'service';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    names.set(composeName, name);
  }
  return names;
}
