// "host:port" addresses as Toxiproxy writes them ("127.0.0.1:6379",
// "localhost:0", "[::1]:5432"), and the loopback-only policy.
import { isIP } from 'node:net';
import { apiError } from './errors.ts';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export function parseHostPort(text: string, field: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw apiError('badRequestBody', `${field} must be "host:port" with a port 0..65535, got ${JSON.stringify(text)}`);
  }
  return { host: match[1] ?? match[2] ?? '', port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** Throws a 403 ApiError unless the address is loopback or other addresses are allowed. */
export function checkLoopback(address: HostPort, field: string, allowNonLoopback: boolean): void {
  if (!allowNonLoopback && !isLoopback(address.host)) {
    throw apiError('addressNotAllowed', field, formatHostPort(address));
  }
}

/** The address a listener binds: "localhost" is 127.0.0.1; an empty host (allowed only off loopback) is every interface. */
export function listenHost(host: string): string {
  if (host === 'localhost') return '127.0.0.1';
  return host === '' ? '::' : host;
}
