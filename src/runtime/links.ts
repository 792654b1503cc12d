import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import { freePort } from '../host/ports.ts';
import { loopback } from '../topology/service-env.ts';
import type { Ports, Topology } from '../topology/topology.ts';
import type { EnvironmentInfo } from './runtime.ts';

/**
 * Creates one proxy per link of the topology, each leading to its
 * dependency's port, and returns the port each listens on. The ports come
 * from freePort(), not the proxy's own port 0: an ephemeral port chosen in
 * the proxy process could be one this process already handed to a service
 * that has not bound it yet.
 */
export async function populateLinks(client: FaultProxyClient, topology: Topology, ports: Ports): Promise<Ports> {
  const { links } = topology;
  if (links.length === 0) return {};
  const listenPorts = await Promise.all(links.map(() => freePort()));
  const states = await client.populate(
    links.map((link, i) => ({
      name: link.name,
      listen: `${loopback}:${listenPorts[i]}`,
      upstream: `${loopback}:${ports[link.to]}`,
      enabled: true,
    })),
  );
  const listening = Object.fromEntries(states.map((state) => [state.name, Number(state.listen.split(':').at(-1))]));
  for (const { name } of links) {
    if (!(listening[name]! > 0)) throw new Error(`Fault proxy at ${client.url} did not report a listen port for link "${name}"`);
  }
  return listening;
}

/** The fault proxy as the evidence describes it: URL, version, and where each link listens and leads. */
export async function describeFaultProxy(client: FaultProxyClient, topology: Topology): Promise<EnvironmentInfo['faultProxy']> {
  const [proxies, version] = await Promise.all([client.proxies(), client.version()]);
  const links = Object.fromEntries(
    topology.linkNames.map((name) => [name, { listen: proxies[name]?.listen ?? '?', upstream: proxies[name]?.upstream ?? '?' }]),
  );
  return { url: client.url, version, links };
}
