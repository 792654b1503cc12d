/**
 * One compose service (not a datastore) as a config service: a docker start
 * from its image (or a placeholder for what it builds) and command, its
 * environment less the variables its links and its port variable carry, the
 * health path its healthcheck curls, `<NAME>_URL`, and its links. What it
 * assumes or leaves out comes back as notes, each at its field.
 */
import type { ConfigInput } from '../config/config-schema.ts';
import type { ComposeService } from './compose-service.ts';
import { healthPath, shownTest } from './health-path.ts';
import type { ImportNote } from './import-note.ts';
import { type LinkContext, linkVariables } from './link-variables.ts';
import { portVariable } from './port-variable.ts';
import { serviceEnv } from './service-env.ts';
import { dockerStart } from './docker-start.ts';
import { untranslatedKeyNotes } from './untranslated-keys.ts';

export type ServiceInput = ConfigInput['services'][number];

export interface TranslatedService {
  readonly service: ServiceInput;
  readonly notes: readonly ImportNote[];
}

/** `name`: the config's (kebab-case) name; `context.at`: its field, `services[i]`. */
export function translateService(compose: ComposeService, name: string, context: LinkContext): TranslatedService {
  const at = context.at;
  const source = `services.${compose.name}`;
  const env = serviceEnv(compose.environment, `${at}.env`, `${source}.environment`);
  const found = linkVariables(env.variables, context);
  const unlinked = new Map([...env.variables].filter(([variable]) => !found.consumed.has(variable)));
  const port = portVariable(unlinked, compose.containerPorts);
  unlinked.delete(port.name);
  const docker = dockerStart(compose, name, `${at}.docker`);
  const health = compose.healthcheck === undefined ? undefined : healthPath(compose.healthcheck);
  const notes: ImportNote[] = [
    ...docker.notes,
    ...env.notes,
    ...found.notes,
    ...(port.assumed ? [{ at: `${at}.portVariable`, source: `${source}.ports`, text: port.assumed }] : []),
    ...(health === undefined
      ? [
          {
            at: `${at}.paths.health`,
            source: `${source}.healthcheck`,
            text:
              compose.healthcheck === undefined
                ? 'none; /health assumed: set the path that answers 200 when the service is healthy'
                : `\`${shownTest(compose.healthcheck)}\` is not a curl or wget of a URL firedrill can read; /health assumed: set the path that answers 200 when healthy`,
          },
        ]
      : []),
    ...compose.dependsOn
      .filter((dependency) => !found.linked.has(dependency))
      .map((dependency) => ({
        at: `${at}.links`,
        source: `${source}.depends_on.${dependency}`,
        text: `no variable carries ${dependency}'s address, so there is no link (it would lead nowhere): if the service finds ${dependency} another way, give it variables and declare links.${context.hosts.get(dependency.toLowerCase())?.dependency ?? dependency}`,
      })),
    ...untranslatedKeyNotes(compose.untranslated, at, source),
  ];
  const service: ServiceInput = {
    name,
    ...(unlinked.size > 0 ? { env: Object.fromEntries(unlinked) } : {}),
    docker: docker.docker,
    portVariable: port.name,
    urlVariable: `${name.toUpperCase().replaceAll('-', '_')}_URL`,
    paths: { health: health ?? '/health' },
    ...(found.links.size > 0 ? { links: Object.fromEntries([...found.links].map(([to, variables]) => [to, { variables }])) } : {}),
  };
  return { service, notes };
}
