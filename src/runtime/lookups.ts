import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.ts';
import { type ProxiedLink, proxiedLink } from '../proxy-client/proxied-link.ts';
import { type Environment, type LinkName, linkNames, type ServiceHandle, type ServiceName, serviceNames } from './runtime.ts';

/** The by-name part of an Environment every runtime shares: services and links, unknown names listing the known ones. */
export function lookups(
  serviceHandle: (name: ServiceName) => ServiceHandle,
  faultProxy: FaultProxyClient,
): Pick<Environment, 'service' | 'link' | 'faultProxy'> {
  const handles = new Map<ServiceName, ServiceHandle>(serviceNames.map((name) => [name, serviceHandle(name)]));
  const links = new Map<LinkName, ProxiedLink>(linkNames.map((name) => [name, proxiedLink(faultProxy, name)]));
  return {
    service(name) {
      const handle = handles.get(name);
      if (!handle) throw new Error(`Unknown service "${name}"; known services: ${serviceNames.join(', ')}`);
      return handle;
    },
    link(name) {
      const link = links.get(name);
      if (!link) throw new Error(`Unknown link "${name}"; known links: ${linkNames.join(', ')}`);
      return link;
    },
    faultProxy: () => faultProxy,
  };
}
