/**
 * What one field of a config says about another, checked once every field
 * has the right shape: names unique, each link leading to something that
 * exists and carrying at least one variable, each port variable one service's.
 * Returns every problem; none means the config is consistent.
 */
import type { SystemConfig } from './config-schema.ts';
import type { ConfigProblem } from './config-file-error.ts';
import { datastoreNames } from './datastore-schema.ts';
import { declaredLinks } from './declared-links.ts';
import { placeholdersIn } from './placeholders.ts';
import { colourVariable } from './service-schema.ts';

export function crossCheck(config: SystemConfig): ConfigProblem[] {
  return [...nameProblems(config), ...linkProblems(config), ...variableProblems(config), ...buildProblems(config)];
}

function nameProblems(config: SystemConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstAt = new Map<string, string>(
    datastoreNames.filter((name) => config.datastores[name]).map((name) => [name, `datastores.${name}`]),
  );
  config.services.forEach((service, index) => {
    const first = firstAt.get(service.name);
    if (first) problems.push({ field: `services[${index}].name`, message: `expected a unique name; "${service.name}" is also ${first}` });
    else firstAt.set(service.name, `services[${index}].name`);
  });
  return problems;
}

function linkProblems(config: SystemConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const known = [...new Set([...datastoreNames.filter((name) => config.datastores[name]), ...config.services.map((s) => s.name)])];
  const firstAt = new Map<string, string>();
  for (const link of declaredLinks(config)) {
    if (!known.includes(link.to))
      problems.push({
        field: link.field,
        message: `expected a service or datastore to link to; "${link.to}" is neither (known: ${known.join(', ')})`,
      });
    else if (link.to === link.from) problems.push({ field: link.field, message: `expected a dependency; "${link.from}" links to itself` });
    if (!Object.values(link.templates).some((template) => placeholdersIn(template).includes('port')))
      problems.push({
        field: `${link.field}.variables`,
        message:
          `expected a variable carrying ${link.to}'s port, like { ${envStyle(link.to)}_PORT: '{port}' }; ` +
          (link.variables.length === 0 ? 'got none, so the link leads nowhere' : `got ${link.variables.join(', ')}, none with {port}`),
      });
    const credentials = Object.values(link.templates).flatMap((template) =>
      placeholdersIn(template).filter((name) => !['host', 'port'].includes(name)),
    );
    if (credentials.length > 0 && link.to !== 'postgres')
      problems.push({
        field: `${link.field}.variables`,
        message: `expected only {host} and {port} on a link to ${link.to}; {${credentials[0]}} is postgres's alone`,
      });
    const first = firstAt.get(link.name);
    if (first) problems.push({ field: `${link.field}.name`, message: `expected a unique link name; "${link.name}" is also ${first}` });
    else firstAt.set(link.name, link.field);
  }
  return problems;
}

/**
 * Every service gets the datastores' variables and every service's URL
 * variable, so those must be distinct; a port variable is set in its own
 * service's env only, so services may share one (`PORT`), but it must not
 * hide one of those.
 */
function variableProblems(config: SystemConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstAt = new Map<string, string>();
  for (const name of datastoreNames)
    for (const variable of Object.keys(config.datastores[name]?.variables ?? {}))
      firstAt.set(variable, `datastores.${name}.variables.${variable}`);
  const claim = (variable: string, field: string, shared: boolean) => {
    const first = firstAt.get(variable);
    if (first) problems.push({ field, message: `expected a variable of this service's own; ${variable} is also ${first}` });
    else if (!shared) firstAt.set(variable, field);
  };
  config.services.forEach((service, index) => {
    if (service.urlVariable !== undefined) claim(service.urlVariable, `services[${index}].urlVariable`, false);
    if (service.blueGreen) claim(service.blueGreen.upstreamsVariable, `services[${index}].blueGreen.upstreamsVariable`, false);
  });
  config.services.forEach((service, index) => {
    claim(service.portVariable, `services[${index}].portVariable`, true);
  });
  return problems;
}

/** A build adds its own variables; the colour's port and name are firedrill's to set. */
function buildProblems(config: SystemConfig): ConfigProblem[] {
  return config.services.flatMap((service, index) =>
    Object.entries(service.blueGreen?.builds ?? {}).flatMap(([build, { env }]) =>
      Object.keys(env)
        .filter((variable) => variable === service.portVariable || variable === colourVariable)
        .map((variable) => ({
          field: `services[${index}].blueGreen.builds.${build}.env.${variable}`,
          message: `expected the build's own variables; ${variable} is set by firedrill for each colour (its ${variable === colourVariable ? 'name' : 'port'})`,
        })),
    ),
  );
}

/** `log-sink` → `LOG_SINK`. */
const envStyle = (name: string) => name.toUpperCase().replaceAll('-', '_');
