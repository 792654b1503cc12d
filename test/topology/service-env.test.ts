import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.ts';
import { serviceEnv } from '../../src/topology/service-env.ts';
import { topologyOf } from '../../src/topology/topology.ts';
import { validConfig } from '../config/config-files.ts';

// What a service runs with: the datastores and every service's URL direct,
// its own env, and its links' variables filled with the fault proxy's port
// (a postgres link with the app role's credentials), its port last.
function topologyWith(edit: (config: ReturnType<typeof validConfig>) => void) {
  const config = validConfig();
  edit(config);
  return topologyOf({ file: '/team/firedrill.config.ts', config: configSchema.parse(config) });
}
const addresses = {
  sandboxDir: '/sandbox/env-1',
  ports: { postgres: 5001, redis: 5002, api: 5003, quotes: 5004 },
  linkPorts: { 'api-postgres': 6001, 'api-quotes': 6002 },
  postgres: { user: 'ats', password: 's3cret', database: 'ats' },
};

describe("a service's environment", () => {
  it('reaches a linked dependency through the proxy, the others directly, and carries its own port', () => {
    const topology = topologyWith((config) => {
      config.services[0]!.urlVariable = 'API_URL';
      config.services[1]!.urlVariable = 'QUOTES_URL_DIRECT';
      config.services[0]!.env = { LOG_DIR: '{sandbox}/logs', PGPORT: 'overridden by nothing' };
      config.services[0]!.links.postgres!.variables = { DATABASE_URL: 'postgres://{user}:{password}@{host}:{port}/{database}' };
    });
    const env = serviceEnv(topology, topology.services[0]!, 'local', addresses);
    expect(env).toEqual({
      PGHOST: '127.0.0.1',
      PGPORT: 'overridden by nothing',
      PGUSER: 'ats',
      PGPASSWORD: 's3cret',
      PGDATABASE: 'ats',
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: '5002',
      API_URL: 'http://127.0.0.1:5003',
      QUOTES_URL_DIRECT: 'http://127.0.0.1:5004',
      LOG_DIR: '/sandbox/env-1/logs',
      DATABASE_URL: 'postgres://ats:s3cret@127.0.0.1:6001/ats',
      QUOTES_URL: 'http://127.0.0.1:6002',
      API_PORT: '5003',
    });
  });

  it("takes its runtime's env on top of its own, and its port over everything", () => {
    const topology = topologyWith((config) => {
      config.services[1]!.env = { MODE: 'shared', PORT: 'wrong' };
      config.services[1]!.docker = { image: 'team/quotes:1', env: { MODE: 'container' } };
      config.services[1]!.portVariable = 'PORT';
    });
    const env = serviceEnv(topology, topology.services[1]!, 'docker', addresses);
    expect([env.MODE, env.PORT]).toEqual(['container', '5004']);
    expect(serviceEnv(topology, topology.services[1]!, 'local', addresses).MODE).toBe('shared');
  });
});
