/**
 * The paths a config names, relative to its file: checked to exist (a file
 * or a directory, as each field expects) before anything starts, and made
 * absolute for everything after.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SystemConfig } from './config-schema.ts';
import type { ConfigProblem } from './config-file-error.ts';

type Kind = 'file' | 'directory' | 'any';

interface NamedPath {
  readonly field: string;
  readonly path: string;
  readonly kind: Kind;
}

function namedPaths(config: SystemConfig): NamedPath[] {
  const { postgres } = config.datastores;
  return [
    { field: 'runbook', path: config.runbook, kind: 'file' },
    { field: 'workload', path: config.workload, kind: 'file' },
    ...Object.entries(config.stepPaths).map(([name, path]) => ({ field: `stepPaths.${name}`, path, kind: 'any' as const })),
    ...(config.scenarios ? [{ field: 'scenarios', path: config.scenarios, kind: 'file' as const }] : []),
    ...(config.controls ? [{ field: 'controls', path: config.controls, kind: 'file' as const }] : []),
    { field: 'monitoring.rulesDir', path: config.monitoring.rulesDir, kind: 'directory' },
    ...(postgres?.migrations ? [{ field: 'datastores.postgres.migrations', path: postgres.migrations, kind: 'directory' as const }] : []),
    ...(postgres?.seed ? [{ field: 'datastores.postgres.seed', path: postgres.seed, kind: 'file' as const }] : []),
    ...config.services.flatMap((service, index) => [
      ...(service.local ? [{ field: `services[${index}].local.cwd`, path: service.local.cwd, kind: 'directory' as const }] : []),
      ...(service.docker?.mounts ?? []).map((path, i) => ({
        field: `services[${index}].docker.mounts[${i}]`,
        path,
        kind: 'directory' as const,
      })),
    ]),
  ];
}

/** A problem for each path that is missing or of the wrong kind. */
export async function pathProblems(config: SystemConfig, configFile: string): Promise<ConfigProblem[]> {
  const base = dirname(configFile);
  const found = await Promise.all(
    namedPaths(config).map(async ({ field, path, kind }): Promise<ConfigProblem | undefined> => {
      const absolute = resolve(base, path);
      const actual = await stat(absolute).then(
        (s) => (s.isDirectory() ? 'a directory' : s.isFile() ? 'a file' : 'neither a file nor a directory'),
        () => 'nothing',
      );
      const fits = kind === 'any' ? actual !== 'nothing' : actual === `a ${kind}`;
      const expected = kind === 'any' ? 'a file or a directory' : `a ${kind}`;
      return fits ? undefined : { field, message: `expected ${expected} at "${path}" (${absolute}); found ${actual}` };
    }),
  );
  return found.filter((problem) => problem !== undefined);
}

/** The config with every path absolute, resolved against the config file's directory. */
export function withAbsolutePaths(config: SystemConfig, configFile: string): SystemConfig {
  const at = (path: string) => resolve(dirname(configFile), path);
  const { postgres } = config.datastores;
  return {
    ...config,
    runbook: at(config.runbook),
    workload: at(config.workload),
    stepPaths: Object.fromEntries(Object.entries(config.stepPaths).map(([name, path]) => [name, at(path)])),
    ...(config.scenarios ? { scenarios: at(config.scenarios) } : {}),
    ...(config.controls ? { controls: at(config.controls) } : {}),
    monitoring: { ...config.monitoring, rulesDir: at(config.monitoring.rulesDir) },
    datastores: {
      ...config.datastores,
      ...(postgres
        ? {
            postgres: {
              ...postgres,
              ...(postgres.migrations ? { migrations: at(postgres.migrations) } : {}),
              ...(postgres.seed ? { seed: at(postgres.seed) } : {}),
            },
          }
        : {}),
    },
    services: config.services.map((service) => ({
      ...service,
      ...(service.local ? { local: { ...service.local, cwd: at(service.local.cwd) } } : {}),
      ...(service.docker ? { docker: { ...service.docker, mounts: service.docker.mounts.map(at) } } : {}),
    })),
  };
}
