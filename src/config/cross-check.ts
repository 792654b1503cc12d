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

export function crossCheck(config: SystemConfig): ConfigProblem[] {
  return [...nameProblems(config), ...linkProblems(config), ...variableProblems(config)];
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
    const first = firstAt.get(link.name);
    if (first) problems.push({ field: `${link.field}.name`, message: `expected a unique link name; "${link.name}" is also ${first}` });
    else firstAt.set(link.name, link.field);
  }
  return problems;
}

/** A port variable belongs to one service, and is none of the datastores' variables (which every service also gets). */
function variableProblems(config: SystemConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstAt = new Map<string, string>();
  for (const name of datastoreNames)
    for (const variable of Object.keys(config.datastores[name]?.variables ?? {}))
      firstAt.set(variable, `datastores.${name}.variables.${variable}`);
  config.services.forEach((service, index) => {
    for (const key of ['portVariable', 'urlVariable'] as const) {
      const variable = service[key];
      if (variable === undefined) continue;
      const field = `services[${index}].${key}`;
      const first = firstAt.get(variable);
      if (first) problems.push({ field, message: `expected a variable of this service's own; ${variable} is also ${first}` });
      else firstAt.set(variable, field);
    }
  });
  return problems;
}

/** `log-sink` → `LOG_SINK`. */
const envStyle = (name: string) => name.toUpperCase().replaceAll('-', '_');
