import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigInput, configSchema } from '../../src/config/config-schema.ts';
import { withAbsolutePaths } from '../../src/config/config-paths.ts';
import { serviceSpec } from '../../src/runtime/docker/service-containers.ts';
import { topologyOf } from '../../src/topology/topology.ts';
import { validConfig } from '../config/config-files.ts';

// A service's container: code from the host runs in the config's directory;
// a team's own image keeps its working directory and gets nothing mounted but
// the sandbox's writable dirs.
const configFile = '/team/system/firedrill.config.ts';
/** As loadConfig makes it: validated, every path absolute (the files need not exist here). */
const topologyFrom = (config: ConfigInput) =>
  topologyOf({ file: configFile, config: withAbsolutePaths(configSchema.parse(config), configFile) });
const topology = () => topologyFrom(validConfig());
const addresses = { sandboxDir: '/sandbox/env-1', ports: { postgres: 1, redis: 2, api: 3, quotes: 4 }, linkPorts: {} };

describe("a service's container spec", () => {
  it("keeps the image's working directory when the service mounts nothing (its image carries its code)", () => {
    const quotes = topology().services.find((s) => s.name === 'quotes')!;
    const spec = serviceSpec('env-1', topology(), quotes, { ...addresses, linkPorts: { 'api-quotes': 9 } }, '/cache');
    expect(spec.workingDir).toBeUndefined();
    expect(spec.binds?.map((b) => `${b.target} ${b.mode}`)).toEqual(['/sandbox/env-1/logs rw', '/cache rw']);
    expect(spec.env).toMatchObject({ QUOTES_PORT: '4' });
  });

  it("runs in the config's directory when it mounts code from the host, read-only at the host path", () => {
    const config = validConfig();
    config.services[1]!.docker = { image: 'team/quotes:1', command: ['quotes/main.js'], mounts: ['.', './shared'] };
    const withMounts = topologyFrom(config);
    const spec = serviceSpec('env-1', withMounts, withMounts.services[1]!, { ...addresses, linkPorts: { 'api-quotes': 9 } }, '/cache');
    expect(spec.workingDir).toBe('/team/system');
    expect(spec.args).toEqual(['quotes/main.js']);
    expect(spec.binds?.filter((b) => b.mode === 'ro').map((b) => b.target)).toEqual(['.', './shared'].map((p) => join('/team/system', p)));
  });
});
