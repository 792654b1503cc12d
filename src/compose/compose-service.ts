/**
 * One service of a compose file, normalized from the forms compose accepts
 * (environment as a list or a map, depends_on as a list or a map, ports in
 * short or long syntax) into the few things `firedrill init` translates;
 * every other key is kept by name, to be reported as not translated.
 */
import type { ConfigProblem } from '../config/config-file-error.ts';
import { containerPorts } from './container-ports.ts';
import { isMap, isScalar, kindOf } from './yaml-values.ts';

export interface ComposeService {
  /** As the compose file names it (and as other services reach it by host name). */
  readonly name: string;
  readonly image?: string;
  /** The build context as written (`./worker`), when the service has `build:`. */
  readonly build?: string;
  readonly command?: string | readonly string[];
  /** In declaration order; `undefined` is a variable compose takes from the shell (`- API_KEY`). */
  readonly environment: ReadonlyMap<string, string | undefined>;
  /** The container's ports, from `ports:` and `expose:`. */
  readonly containerPorts: readonly number[];
  /** `healthcheck.test` as written; absent when there is none or it is disabled. */
  readonly healthcheck?: string | readonly string[];
  readonly dependsOn: readonly string[];
  /** The names other containers reach it by: its name, `container_name`, `hostname`. */
  readonly hostNames: readonly string[];
  /** The keys not translated (`volumes`, `networks`, `deploy`, …), with their values for the report's hints. */
  readonly untranslated: ReadonlyMap<string, unknown>;
}

const translatedKeys = [
  'image',
  'build',
  'command',
  'environment',
  'ports',
  'expose',
  'healthcheck',
  'depends_on',
  'container_name',
  'hostname',
];

/** Problems are added to `problems`, named `services.<name>.<key>`. */
export function composeService(name: string, value: unknown, problems: ConfigProblem[]): ComposeService | undefined {
  const at = `services.${name}`;
  if (!isMap(value)) {
    problems.push({ field: at, message: `expected a map of the service's settings (image, environment, …); got ${kindOf(value)}` });
    return undefined;
  }
  const problem = (key: string, message: string) => problems.push({ field: `${at}.${key}`, message });
  const image = optionalString(value.image, (got) => problem('image', `expected an image name, like "team/api:1.4"; got ${got}`));
  const build = buildContext(value.build);
  if (image === undefined && build === undefined && value.image == null)
    problem('image', 'expected an image (image: team/api:1.4) or a build (build: ./api); got neither');
  return {
    name,
    ...(image === undefined ? {} : { image }),
    ...(build === undefined ? {} : { build }),
    ...command(value.command, (message) => problem('command', message)),
    environment: environment(value.environment, (message) => problem('environment', message)),
    containerPorts: [...containerPorts(value.ports, `${at}.ports`, problems), ...containerPorts(value.expose, `${at}.expose`, problems)],
    ...healthcheck(value.healthcheck),
    dependsOn: dependsOn(value.depends_on, (message) => problem('depends_on', message)),
    hostNames: [name, ...[value.container_name, value.hostname].filter((alias) => typeof alias === 'string')],
    untranslated: new Map(Object.entries(value).filter(([key]) => !translatedKeys.includes(key))),
  };
}

function buildContext(build: unknown): string | undefined {
  if (typeof build === 'string') return build;
  if (isMap(build)) return typeof build.context === 'string' ? build.context : '.';
  return undefined;
}

function command(value: unknown, problem: (message: string) => void): { command?: string | string[] } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { command: value };
  if (Array.isArray(value) && value.every(isScalar)) return { command: value.map(String) };
  problem(`expected a string or a list of arguments; got ${kindOf(value)}`);
  return {};
}

function environment(value: unknown, problem: (message: string) => void): Map<string, string | undefined> {
  const variables = new Map<string, string | undefined>();
  if (value === undefined || value === null) return variables;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') problem(`expected list items like "PORT=8080"; got ${kindOf(item)}`);
      else {
        const equals = item.indexOf('=');
        variables.set(equals < 0 ? item : item.slice(0, equals), equals < 0 ? undefined : item.slice(equals + 1));
      }
    }
  } else if (isMap(value)) {
    for (const [key, item] of Object.entries(value))
      if (item === null || item === undefined) variables.set(key, undefined);
      else if (isScalar(item)) variables.set(key, String(item));
      else problem(`expected ${key} to be a string or a number; got ${kindOf(item)}`);
  } else problem(`expected a list ("PORT=8080") or a map (PORT: 8080); got ${kindOf(value)}`);
  return variables;
}

function healthcheck(value: unknown): { healthcheck?: string | string[] } {
  if (!isMap(value) || value.disable === true) return {};
  const test = value.test;
  if (typeof test === 'string') return { healthcheck: test };
  if (Array.isArray(test) && test.every(isScalar)) return { healthcheck: test.map(String) };
  return {};
}

function dependsOn(value: unknown, problem: (message: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  if (isMap(value)) return Object.keys(value);
  problem(`expected a list of services or a map of them to conditions; got ${kindOf(value)}`);
  return [];
}

function optionalString(value: unknown, problem: (got: string) => void): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problem(typeof value === 'string' ? 'an empty string' : kindOf(value));
  return undefined;
}
