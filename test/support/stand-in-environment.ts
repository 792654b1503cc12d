import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultProxyClient } from '../../src/proxy-client/fault-proxy-client.ts';
import type { Environment, EnvironmentInfo, ServiceHandle, ServiceName } from '../../src/runtime/runtime.ts';
import { referenceTopology } from '../../src/topology/topology.ts';

const topology = await referenceTopology();

/** An order gateway in the test's own process: answers every order 202 with an id. */
export async function startStandInGateway(): Promise<{ url: string } & AsyncDisposable> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"o-1"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface StandInOptions {
  readonly gatewayUrl: string;
  /** What the fault proxy's reset, the teardown and the like append to. */
  readonly log: string[];
  readonly resetFails?: boolean;
  readonly teardownFails?: boolean;
  readonly secrets?: readonly string[];
}

/**
 * An Environment with nothing behind it but the stand-in gateway (ATS_URL,
 * where the reference workload sends orders): services answer a fixed pid,
 * the database variables point at a port nothing listens on, the fault
 * proxy's reset and the teardown only say they ran.
 */
export function standInEnvironment(options: StandInOptions): Environment {
  const { log } = options;
  const service = (name: ServiceName): ServiceHandle =>
    ({
      name,
      port: 1,
      url: name === 'order-gateway' ? options.gatewayUrl : undefined,
      pid: async () => 1000 + topology.componentNames.indexOf(name),
    }) as ServiceHandle;
  return {
    id: 'env-test',
    runtime: 'local',
    topology,
    service,
    variables: () => ({
      PATH: process.env.PATH ?? '',
      PGHOST: '127.0.0.1',
      PGPORT: '1',
      PGUSER: 'app',
      PGDATABASE: 'ats',
      ATS_URL: options.gatewayUrl,
    }),
    secrets: () => options.secrets ?? [],
    faultProxy: () =>
      ({
        reset: async () => {
          log.push('proxy reset');
          if (options.resetFails) throw new Error('proxy gone');
        },
      }) as unknown as FaultProxyClient,
    describe: async () => ({ id: 'env-test', runtime: 'local', dir: '/tmp' }) as EnvironmentInfo,
    [Symbol.asyncDispose]: async () => {
      log.push('torn down');
      if (options.teardownFails) throw new Error('pm2 kill failed');
    },
  } as unknown as Environment;
}
