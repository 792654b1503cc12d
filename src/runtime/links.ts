import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import type { AtsPorts } from './local/ats-services.ts';
import { freePort } from './local/ports.ts';
import { type EnvironmentInfo, type LinkName, linkNames } from './runtime.ts';

/** Where each link leads: the port of the dependency at its far end. */
export function linkUpstreams(ports: AtsPorts): Record<LinkName, number> {
  return {
    'gateway-postgres': ports.postgres,
    'gateway-redis': ports.redis,
    'gateway-exchange': ports.exchange,
    'shipper-logsink': ports['log-sink'],
  };
}

/**
 * Creates one proxy per dependency link and returns the port each listens on.
 * The ports come from freePort(), not the proxy's own port 0: an ephemeral
 * port chosen in the proxy process could be one this process already handed
 * to a service that has not bound it yet.
 */
export async function populateLinks(client: FaultProxyClient, upstreamPorts: Record<LinkName, number>): Promise<Record<LinkName, number>> {
  const listenPorts = await Promise.all(linkNames.map(() => freePort()));
  const states = await client.populate(
    linkNames.map((name, i) => ({
      name,
      listen: `127.0.0.1:${listenPorts[i]}`,
      upstream: `127.0.0.1:${upstreamPorts[name]}`,
      enabled: true,
    })),
  );
  const ports = Object.fromEntries(states.map((state) => [state.name, Number(state.listen.split(':').at(-1))]));
  for (const name of linkNames) {
    if (!(ports[name]! > 0)) throw new Error(`Fault proxy at ${client.url} did not report a listen port for link "${name}"`);
  }
  return ports as Record<LinkName, number>;
}

/** The fault proxy as the evidence describes it: URL, version, and where each link listens and leads. */
export async function describeFaultProxy(client: FaultProxyClient): Promise<EnvironmentInfo['faultProxy']> {
  const [proxies, version] = await Promise.all([client.proxies(), client.version()]);
  const links = Object.fromEntries(
    linkNames.map((name) => [name, { listen: proxies[name]?.listen ?? '?', upstream: proxies[name]?.upstream ?? '?' }]),
  );
  return { url: client.url, version, links: links as EnvironmentInfo['faultProxy']['links'] };
}
