/**
 * A fixture service (fixtures/ats/<name>/main.ts) as a real process on a free
 * loopback port, ready once /healthz answers; disposing it stops it (SIGTERM,
 * then SIGKILL after 3 s). Its stdout and stderr are kept for failure messages.
 */
import { join } from 'node:path';
import { repoRoot } from '../../src/repo-root.ts';
import { type ServiceProcess, startServiceProcess } from '../support/service-process.ts';

export type FixtureProcess = ServiceProcess;

const portVariable = { 'log-sink': 'LOG_SINK_PORT', 'log-shipper': 'LOG_SHIPPER_PORT' } as const;

export function startFixture(name: keyof typeof portVariable, env: Record<string, string>, port?: number): Promise<FixtureProcess> {
  return startServiceProcess({
    name,
    command: process.execPath,
    args: [join(repoRoot, 'fixtures', 'ats', name, 'main.ts')],
    cwd: process.cwd(),
    env,
    portVariable: portVariable[name],
    readyPath: '/healthz',
    ...(port === undefined ? {} : { port }),
  });
}

export { metricValue } from '../../src/probes/metric-sample.ts';
