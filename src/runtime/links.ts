import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import { type EnvironmentInfo, type LinkName, linkNames } from './runtime.ts';

/**
 * Creates one proxy per dependency link, listening on an ephemeral loopback
 * port, and returns the port each link listens on.
 */
export async function populateLinks(client: FaultProxyClient, upstreamPorts: Record<LinkName, number>): Promise<Record<LinkName, number>> {
  const states = await client.populate(
    linkNames.map((name) => ({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPorts[name]}`, enabled: true })),
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
  const links = Object.fromEntries(linkNames.map((name) => [name, { listen: proxies[name]?.listen ?? '?', upstream: proxies[name]?.upstream ?? '?' }]));
  return { url: client.url, version, links: links as EnvironmentInfo['faultProxy']['links'] };
}
