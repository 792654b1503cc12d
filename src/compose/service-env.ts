/**
 * A compose service's environment as firedrill can take it: compose's
 * interpolation resolved where it has a default; a variable that needs the
 * shell, has a name no environment allows, or a value firedrill would read
 * as a placeholder (`{…}`) is left out and reported.
 */
import { servicePlaceholders } from '../config/service-schema.ts';
import { placeholdersIn } from '../config/placeholders.ts';
import type { ImportNote } from './import-note.ts';
import { interpolate } from './interpolation.ts';

export interface ServiceEnv {
  /** What can be written: every value final. */
  readonly variables: ReadonlyMap<string, string>;
  readonly notes: readonly ImportNote[];
}

/** `at`: the service's env field in the written config (`services[0].env`); `source`: its environment in the compose file. */
export function serviceEnv(environment: ReadonlyMap<string, string | undefined>, at: string, source: string): ServiceEnv {
  const variables = new Map<string, string>();
  const notes: ImportNote[] = [];
  const leftOut = (name: string, why: string) => notes.push({ at, source: `${source}.${name}`, text: `left out: ${why}` });
  for (const [name, raw] of environment) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) leftOut(name, 'not a name an environment variable can have here (letters, digits, _)');
    else if (raw === undefined) leftOut(name, 'compose takes its value from the shell; write the value');
    else {
      const { text, unresolved } = interpolate(raw);
      const braces = placeholdersIn(text).filter((placeholder) => !(servicePlaceholders as readonly string[]).includes(placeholder));
      if (unresolved.length > 0)
        leftOut(name, `its value needs ${unresolved.map((v) => `$${v}`).join(', ')} from the shell or an .env file; write the value`);
      else if (braces.length > 0) leftOut(name, `its value has {${braces[0]}}, which firedrill would read as a placeholder`);
      else variables.set(name, text);
    }
  }
  return { variables, notes };
}
