/**
 * The variables a runbook step gets on every runtime, by the same names, so
 * one runbook serves them all: how to reach each datastore and service (the
 * config's own variable names, direct, never through the fault proxy, and
 * libpq's PGHOST… and REDIS_HOST/REDIS_PORT whatever the services read, for
 * psql, redis-cli and the harness's own connections), the sandbox, the logs,
 * the monitoring, the backup store (backup-store.ts), and the config's stepPaths (the operators' scripts). Each runtime adds its own (REDIS_CONF and PM2_HOME on
 * hosts, the container names in docker).
 */
import { dirname, join } from 'node:path';
import { postgresBin } from '../host/binaries.ts';
import type { Sandbox } from '../host/sandbox.ts';
import { envTagVariable } from '../host/tagged-processes.ts';
import type { Monitoring } from '../monitoring/monitoring.ts';
import { repoRoot } from '../repo-root.ts';
import { backupStoreVariables } from './backup-store.ts';
import { conventionalVariables } from '../config/datastore-schema.ts';
import { type Addresses, datastoreVariables, serviceUrlVariables } from '../topology/service-env.ts';
import { logsDirIn } from '../topology/service-dirs.ts';
import type { Topology } from '../topology/topology.ts';

export interface StepVariableSources {
  readonly topology: Topology;
  readonly sandbox: Sandbox;
  readonly addresses: Addresses;
  readonly faultProxyUrl: string;
  readonly monitoring: Pick<Monitoring, 'prometheusUrl' | 'alertmanagerUrl'>;
  /** The database superuser, for steps that must get in when the server is full; absent without postgres. */
  readonly pgAdmin?: { readonly user: string; readonly password: string };
}

export function commonStepVariables(sources: StepVariableSources): Record<string, string> {
  return {
    ...sources.topology.config.stepPaths,
    PATH: [join(repoRoot, 'node_modules', '.bin'), dirname(process.execPath), postgresBin, process.env.PATH ?? ''].join(':'),
    [envTagVariable]: sources.sandbox.id,
    FIREDRILL_SANDBOX: sources.sandbox.dir,
    ...datastoreVariables(sources.topology, sources.addresses, conventionalVariables),
    ...datastoreVariables(sources.topology, sources.addresses),
    ...(sources.pgAdmin ? { PGADMIN_USER: sources.pgAdmin.user, PGADMIN_PASSWORD: sources.pgAdmin.password } : {}),
    FAULT_PROXY_URL: sources.faultProxyUrl,
    ...serviceUrlVariables(sources.topology, sources.addresses.ports),
    /** The services' log files, `<name>.log`. */
    LOG_DIR: logsDirIn(sources.sandbox.dir),
    PROMETHEUS_URL: sources.monitoring.prometheusUrl,
    ALERTMANAGER_URL: sources.monitoring.alertmanagerUrl,
    ...backupStoreVariables(sources.sandbox.dir, sources.topology.datastores.includes('postgres')),
  };
}
