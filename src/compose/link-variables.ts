/**
 * The variables through which a service finds another: a URL whose host is
 * another service (`REDIS_URL=redis://cache:6379` → `redis://{host}:{port}`),
 * a bare host or host:port (`DB_HOST=db` → `{host}`) with the variable beside
 * it that repeats the dependency's port (`DB_PORT=5432` → `{port}`), and, to
 * PostgreSQL, the variables that repeat its user, password or database. Each
 * becomes a link variable, so the fault proxy can sit in between; a host with
 * no variable for its port cannot be linked and is reported instead.
 */
import type { DependencyTarget } from './dependency-target.ts';
import type { ImportNote } from './import-note.ts';
import { type UrlTemplate, urlTemplate } from './url-template.ts';

export interface FoundLinks {
  /** Keyed by the config's name of the dependency: each variable's template. */
  readonly links: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The variables the links carry (or that named a host firedrill cannot link): not the service's plain env. */
  readonly consumed: ReadonlySet<string>;
  /** The compose names of the services it links to. */
  readonly linked: ReadonlySet<string>;
  readonly notes: readonly ImportNote[];
}

export interface LinkContext {
  /** The linking service's compose name. */
  readonly service: string;
  /** Its field in the written config: `services[0]`. */
  readonly at: string;
  /** Every other service, by each name it is reached by (lower case). */
  readonly hosts: ReadonlyMap<string, DependencyTarget>;
}

export function linkVariables(environment: ReadonlyMap<string, string>, context: LinkContext): FoundLinks {
  const found = new Map<DependencyTarget, Record<string, string>>();
  const notes: ImportNote[] = [];
  const consumed = new Set<string>();
  const source = (variable: string) => `services.${context.service}.environment.${variable}`;
  for (const [variable, value] of environment) {
    const address = addressIn(value, context.hosts);
    if (!address) continue;
    if (address.target.composeName === context.service) {
      notes.push({ at: `${context.at}.env`, source: source(variable), text: `names ${context.service} itself; kept as written` });
      continue;
    }
    consumed.add(variable);
    const template: UrlTemplate =
      address.kind === 'url' ? urlTemplate(value, address.target) : { text: address.kind === 'host:port' ? '{host}:{port}' : '{host}' };
    if (template.dropped) notes.push({ at: `${context.at}.links`, source: source(variable), text: template.dropped });
    (found.get(address.target) ?? found.set(address.target, {}).get(address.target)!)[variable] = template.text;
  }
  for (const [target, variables] of found) addPartners(target, variables, environment, consumed);
  const links = new Map<string, Record<string, string>>();
  for (const [target, variables] of found) {
    const shown = Object.keys(variables).join(', ');
    const one = Object.keys(variables).length === 1;
    if (target.dependency === undefined)
      notes.push({
        at: `${context.at}.links`,
        source: source(shown),
        text: `${shown} ${one ? 'reaches' : 'reach'} ${target.composeName}, which firedrill does not run: not linked, left out`,
      });
    else if (!Object.values(variables).some((template) => template.includes('{port}')))
      notes.push({
        at: `${context.at}.links`,
        source: source(shown),
        text:
          `${shown} ${one ? 'names' : 'name'} ${target.composeName} as a host, but no variable carries its port, and the fault proxy listens on a port of its own: ` +
          `not linked, left out; give the service a port variable (like ${Object.keys(variables)[0]!.replace(/HOST(NAME)?$/, '')}PORT) and add links.${target.dependency}`,
      });
    else links.set(target.dependency, variables);
  }
  return { links, consumed, linked: new Set([...found.keys()].map((target) => target.composeName)), notes };
}

type Address = { kind: 'url' | 'host' | 'host:port'; target: DependencyTarget };

function addressIn(value: string, hosts: LinkContext['hosts']): Address | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#]+)/i.exec(value);
  const hostPort = /^([A-Za-z0-9._-]+)(:\d+)?$/.exec(value);
  const target = hosts.get((url?.[1] ?? hostPort?.[1] ?? '').toLowerCase());
  if (!target) return undefined;
  return { kind: url ? 'url' : hostPort?.[2] ? 'host:port' : 'host', target };
}

/** Beside a bare host: the variable that repeats the dependency's port, and to PostgreSQL the ones that repeat its credentials. */
function addPartners(
  target: DependencyTarget,
  variables: Record<string, string>,
  environment: ReadonlyMap<string, string>,
  consumed: Set<string>,
) {
  const hostVariables = Object.keys(variables).filter((name) => variables[name] === '{host}');
  if (hostVariables.length === 0) return;
  const free = [...environment].filter(([name]) => !consumed.has(name));
  const partner = (placeholder: string, pattern: RegExp, values: readonly string[], preferred: readonly string[]) => {
    const candidates = free.filter(([name, value]) => pattern.test(name) && values.includes(value) && !consumed.has(name));
    const chosen = candidates.find(([name]) => preferred.includes(name)) ?? candidates[0];
    if (!chosen) return;
    variables[chosen[0]] = `{${placeholder}}`;
    consumed.add(chosen[0]);
  };
  const like = (replacement: string) => hostVariables.map((name) => name.replace(/HOST(NAME)?$/, replacement));
  partner('port', /PORT/i, target.ports.map(String), like('PORT'));
  const credentials = target.credentials;
  if (!credentials) return;
  partner('user', /USER/i, [credentials.user], like('USER'));
  if (credentials.password) partner('password', /PASS/i, [credentials.password], like('PASSWORD'));
  partner('database', /DB|DATABASE|NAME/i, [credentials.database], [...like('NAME'), ...like('DATABASE'), ...like('DB')]);
}
