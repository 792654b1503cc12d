/**
 * The variables a runbook step gets on every runtime, by the same names, so
 * one runbook serves them all; each runtime adds its own (REDIS_CONF and
 * PM2_HOME on hosts, the container names in docker).
 */
import { dirname, join } from 'node:path';
import { repoRoot } from '../repo-root.ts';
import { type AtsConnection, connectionVariables, type NodeServiceName } from './local/ats-services.ts';
import { postgresBin } from './local/postgres-server.ts';
import type { Sandbox } from './local/sandbox.ts';
import { envTagVariable } from './local/tagged-processes.ts';
import type { Monitoring } from './monitoring.ts';

export interface StepVariableSources {
  readonly sandbox: Sandbox;
  readonly connection: AtsConnection;
  readonly faultProxyUrl: string;
  readonly monitoring: Monitoring;
  /** The database superuser, for steps that must get in when the server is full. */
  readonly pgAdmin: { readonly user: string; readonly password: string };
}

export function commonStepVariables(sources: StepVariableSources): Record<string, string> {
  const url = (name: NodeServiceName) => `http://127.0.0.1:${sources.connection.ports[name]}`;
  return {
    PATH: [join(repoRoot, 'node_modules', '.bin'), dirname(process.execPath), postgresBin, process.env.PATH ?? ''].join(':'),
    [envTagVariable]: sources.sandbox.id,
    FIREDRILL_SANDBOX: sources.sandbox.dir,
    ...connectionVariables(sources.connection),
    PGADMIN_USER: sources.pgAdmin.user,
    PGADMIN_PASSWORD: sources.pgAdmin.password,
    FAULT_PROXY_URL: sources.faultProxyUrl,
    ATS_URL: url('order-gateway'),
    EXCHANGE_URL: url('exchange'),
    MARKET_DATA_URL: url('market-data'),
    RISK_URL: url('risk'),
    LOG_SINK_URL: url('log-sink'),
    LOG_SHIPPER_URL: url('log-shipper'),
    /** The services' log files, as the shipper reads them. */
    LOG_DIR: sources.connection.logs.dir,
    PROMETHEUS_URL: sources.monitoring.prometheusUrl,
    ALERTMANAGER_URL: sources.monitoring.alertmanagerUrl,
  };
}
