/**
 * Reads a docker-compose file into its services, checking what `firedrill
 * init` needs before it translates anything: YAML, a `services:` map, each
 * service with an image or a build, each dependency a service of the file.
 * Every problem is reported at once, as a ComposeFileError.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { ConfigProblem } from '../config/config-file-error.ts';
import { ComposeFileError } from './compose-file-error.ts';
import { type ComposeService, composeService } from './compose-service.ts';
import { isMap, kindOf } from './yaml-values.ts';

export interface ComposeProject {
  /** Absolute. */
  readonly file: string;
  /** Its `name:`, else its directory's name, as compose names a project. */
  readonly name: string;
  readonly services: readonly ComposeService[];
  /** Top-level keys besides `services` (`volumes`, `networks`, `secrets`, …); `version` and `x-…` extensions left out. */
  readonly untranslated: ReadonlyMap<string, unknown>;
}

export async function readComposeFile(path: string): Promise<ComposeProject> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ComposeFileError(file, [
      {
        field: '',
        message: `expected a readable compose file; ${error.code === 'ENOENT' ? 'found nothing at this path' : (error.code ?? error.message)}`,
      },
    ]);
  });
  // Merge keys (`<<: *defaults`) are common in compose files.
  const document = parseDocument(text, { merge: true });
  const [syntax] = document.errors;
  if (syntax)
    throw new ComposeFileError(file, [{ field: '', message: `expected YAML; ${syntax.message.split('\n')[0]!.replace(/:$/, '')}` }]);
  const root: unknown = document.toJS();
  if (!isMap(root)) throw new ComposeFileError(file, [{ field: '', message: `expected a map with a services: key; got ${kindOf(root)}` }]);
  if (!isMap(root.services) || Object.keys(root.services).length === 0)
    throw new ComposeFileError(file, [
      {
        field: 'services',
        message: `expected a map of services (services: { api: { image: team/api:1.4 } }); got ${isMap(root.services) ? 'an empty map' : kindOf(root.services)}`,
      },
    ]);
  const problems: ConfigProblem[] = [];
  const services = Object.entries(root.services).flatMap(([name, value]) => composeService(name, value, problems) ?? []);
  problems.push(...unknownDependencies(services));
  if (problems.length > 0) throw new ComposeFileError(file, problems);
  return {
    file,
    name: typeof root.name === 'string' ? root.name : basename(dirname(file)),
    services,
    untranslated: new Map(Object.entries(root).filter(([key]) => !['services', 'name', 'version'].includes(key) && !key.startsWith('x-'))),
  };
}

function unknownDependencies(services: readonly ComposeService[]): ConfigProblem[] {
  const known = services.map((service) => service.name);
  return services.flatMap((service) =>
    service.dependsOn
      .filter((dependency) => !known.includes(dependency))
      .map((dependency) => ({
        field: `services.${service.name}.depends_on`,
        message: `expected a service of this file; "${dependency}" is not one (known: ${known.join(', ')})`,
      })),
  );
}
