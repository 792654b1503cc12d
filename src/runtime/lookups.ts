import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import { type ProxiedLink, proxiedLink } from '../proxy-client/proxied-link.ts';
import type { Topology } from '../topology/topology.ts';
import type { Environment, LinkName, ServiceHandle, ServiceName } from './runtime.ts';

/** The by-name part of an Environment every runtime shares: the config's components and links, unknown names listing the known ones. */
export function lookups(
  topology: Topology,
  serviceHandle: (name: ServiceName) => ServiceHandle,
  faultProxy: FaultProxyClient,
): Pick<Environment, 'topology' | 'service' | 'link' | 'faultProxy'> {
  const handles = new Map<ServiceName, ServiceHandle>(topology.componentNames.map((name) => [name, serviceHandle(name)]));
  const links = new Map<LinkName, ProxiedLink>(topology.linkNames.map((name) => [name, proxiedLink(faultProxy, name)]));
  return {
    topology,
    service(name) {
      const handle = handles.get(name);
      if (!handle) throw new Error(`Unknown service "${name}"; known services: ${topology.componentNames.join(', ')}`);
      return handle;
    },
    link(name) {
      const link = links.get(name);
      if (!link)
        throw new Error(`Unknown link "${name}"; known links: ${topology.linkNames.length > 0 ? topology.linkNames.join(', ') : 'none'}`);
      return link;
    },
    faultProxy: () => faultProxy,
  };
}
