// The proxy fields of a request body ({name, listen, upstream, enabled}),
// checked: addresses are "host:port" and, unless allowed, loopback.
import { checkLoopback, parseHostPort } from './address.ts';
import { asObject, optionalBoolean, optionalString, requiredString } from './json-body.ts';

export interface ProxyInput {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/** Where Toxiproxy would listen on every interface, this proxy listens on loopback. */
export const defaultListen = '127.0.0.1:0';

export function parseNewProxy(value: unknown, allowNonLoopback: boolean, where = ''): ProxyInput {
  const body = asObject(value, `proxy${where}`);
  const name = requiredString(body, 'name', where);
  const upstream = requiredString(body, 'upstream', where);
  const listen = optionalString(body, 'listen') || defaultListen;
  checkAddresses(listen, upstream, allowNonLoopback);
  return { name, listen, upstream, enabled: optionalBoolean(body, 'enabled') ?? true };
}

/** A partial update: absent fields keep their current value. */
export function parseProxyUpdate(value: unknown, current: ProxyInput, allowNonLoopback: boolean): ProxyInput {
  const body = asObject(value, `update of proxy "${current.name}"`);
  const listen = optionalString(body, 'listen') || current.listen;
  const upstream = optionalString(body, 'upstream') || current.upstream;
  checkAddresses(listen, upstream, allowNonLoopback);
  return { name: current.name, listen, upstream, enabled: optionalBoolean(body, 'enabled') ?? current.enabled };
}

function checkAddresses(listen: string, upstream: string, allowNonLoopback: boolean): void {
  checkLoopback(parseHostPort(listen, 'listen'), 'listen', allowNonLoopback);
  checkLoopback(parseHostPort(upstream, 'upstream'), 'upstream', allowNonLoopback);
}
