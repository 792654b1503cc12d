import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { stepVariableNames } from '../../src/runtime/step-variable-names.ts';
import { referenceTopology, topologyOf } from '../../src/topology/topology.ts';

describe('stepVariableNames', () => {
  it("lists every variable the reference ATS's steps get on either runtime", async () => {
    expect(stepVariableNames(await referenceTopology())).toEqual([
      'ALERTMANAGER_URL',
      'ATS_BLUE_URL',
      'ATS_GREEN_URL',
      'ATS_OPS_DIR',
      'ATS_URL',
      'BACKUP_DIR',
      'DOCKER_HOST',
      'EXCHANGE_CONTAINER',
      'EXCHANGE_URL',
      'FAULT_PROXY_URL',
      'FIREDRILL_ENV',
      'FIREDRILL_SANDBOX',
      'GATEWAY_CONTAINER',
      'LOG_DIR',
      'LOG_SHIPPER_CONTAINER',
      'LOG_SHIPPER_URL',
      'LOG_SINK_CONTAINER',
      'LOG_SINK_URL',
      'MARKET_DATA_CONTAINER',
      'MARKET_DATA_URL',
      'NGINX_CONF',
      'NGINX_CONTAINER',
      'NGINX_UPSTREAMS',
      'PATH',
      'PGADMIN_PASSWORD',
      'PGADMIN_USER',
      'PGDATA',
      'PGDATABASE',
      'PGHOST',
      'PGPASSWORD',
      'PGPORT',
      'PGUSER',
      'PM2_HOME',
      'POSTGRES_CONTAINER',
      'PROMETHEUS_URL',
      'REDIS_CONF',
      'REDIS_CONTAINER',
      'REDIS_HOST',
      'REDIS_PORT',
      'RISK_CONTAINER',
      'RISK_URL',
      'SERVICE_CONTAINERS',
      'WAL_ARCHIVE_DIR',
    ]);
  });

  it("follows the config: the second system's URL variables and containers", async () => {
    const topology = topologyOf(await loadConfig(join(repoRoot, 'fixtures', 'second-system', 'firedrill.config.ts')));
    const names = stepVariableNames(topology);
    expect(names).toEqual(
      expect.arrayContaining(['BOOK_URL', 'TICKER_URL', 'DATABASE_URL', 'REDIS_URL', 'BOOK_CONTAINER', 'TICKER_CONTAINER']),
    );
    expect(names).not.toContain('ATS_URL');
    expect(names.filter((name) => name.startsWith('NGINX_'))).toEqual([]); // no service of it is blue/green
  });
});
