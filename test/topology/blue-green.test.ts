import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../src/config/service-schema.ts';
import { buildEnv, colourEnv, colourUrlVariable, requireBlueGreen } from '../../src/topology/blue-green.ts';
import { referenceTopology, serviceNamed } from '../../src/topology/topology.ts';

const service = (more: Partial<ServiceConfig>) => ({ name: 'order-gateway', ...more }) as ServiceConfig;

describe('blue/green services', () => {
  it("names each colour's URL variable after the service's URL variable", () => {
    expect(colourUrlVariable(service({ urlVariable: 'ATS_URL' }), 'blue')).toBe('ATS_BLUE_URL');
    expect(colourUrlVariable(service({ urlVariable: 'GATEWAY' }), 'green')).toBe('GATEWAY_GREEN');
    expect(colourUrlVariable(service({}), 'green')).toBe('ORDER_GATEWAY_GREEN_URL');
  });

  it("a colour's env: the service's, its own port, FIREDRILL_COLOUR, and the build's env on top", async () => {
    const topology = await referenceTopology();
    const gateway = serviceNamed(topology, 'order-gateway');
    const ports = Object.fromEntries(topology.componentNames.map((name, i) => [name, 1000 + i]));
    const addresses = { sandboxDir: '/s', ports, linkPorts: {}, colourPorts: { 'order-gateway': { blue: 2001, green: 2002 } } };
    const env = colourEnv(topology, gateway, 'local', addresses, 'green', 'slow-start');
    expect([env.GATEWAY_PORT, env.FIREDRILL_COLOUR, env.GATEWAY_BUILD, env.ATS_URL]).toEqual([
      '2002',
      'green',
      'slow-start',
      `http://127.0.0.1:${ports['order-gateway']}`,
    ]);
    expect(colourEnv(topology, gateway, 'local', addresses, 'blue').GATEWAY_BUILD).toBeUndefined();
    expect(buildEnv(gateway, undefined, '/s')).toEqual({});
    expect(() => buildEnv(gateway, 'fast', '/s')).toThrow(
      'Unknown build "fast" of order-gateway; known builds: rejects-orders, leaks-connections, healthy-but-failing, slow-start',
    );
  });

  it('refuses, before anything starts, a service the config does not mark blueGreen', async () => {
    const topology = await referenceTopology();
    expect(() => requireBlueGreen(topology, ['order-gateway'])).not.toThrow();
    expect(() => requireBlueGreen(topology, ['order-gateway', 'risk'])).toThrow(
      'Cannot run "risk" blue/green: the config does not mark it blueGreen (blue/green services: order-gateway)',
    );
  });
});
