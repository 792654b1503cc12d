import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PortClaims } from './port-claims.ts';
import { sandboxRoot } from './sandbox.ts';

// Ports this process handed out: two environments provisioned side by side must never share one.
const handedOut = new Set<number>();
// ...nor two environments of different harness processes (port-claims.ts).
const claims = new PortClaims(join(sandboxRoot, 'ports'));

/**
 * Listening ports come from below the kernel's ephemeral range. A port from
 * inside it (what `listen(0)` offers) can be taken, between its allocation and
 * the server's bind seconds later, as the source port of any outgoing
 * connection on the machine — seen in CI: Alertmanager failing with "address
 * already in use". Outside the range only an explicit bind can take it.
 */
const lowestPort = 10_000;

/** The first port of the kernel's ephemeral range (net.ipv4.ip_local_port_range; 32768 when unreadable). */
export function ephemeralRangeStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) && start > lowestPort + 1000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * The ports the Fetch standard blocks ("bad ports") above lowestPort: Node's fetch refuses them ("fetch failed",
 * cause "bad port"), so a service given one never answers the harness's readiness check (seen in CI: risk listening
 * on 10080, "not reached after 30000ms: fetch failed").
 */
export const fetchBlockedPorts: ReadonlySet<number> = new Set([10080]);

/**
 * A free loopback port below the ephemeral range, not one fetch refuses, that this process has not handed out
 * before and no other living harness process has claimed.
 */
export async function freePort(): Promise<number> {
  const highest = ephemeralRangeStart() - 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = lowestPort + Math.floor(Math.random() * (highest - lowestPort + 1));
    if (handedOut.has(port) || fetchBlockedPorts.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    if (!claims.claim(port)) continue;
    return port;
  }
  throw new Error(`no free loopback port between ${lowestPort} and ${highest} in 200 attempts`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
