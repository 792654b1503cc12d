import { describe, expect, it } from 'vitest';
import { blueGreenLookup } from '../../src/runtime/docker/blue-green-environment.ts';
import { type ColourContainerInput, colourSpec } from '../../src/runtime/docker/colour-containers.ts';
import { serviceSpec } from '../../src/runtime/docker/service-containers.ts';
import { referenceTopology } from '../../src/topology/topology.ts';

// A colour's container on the docker runtime: the service's own spec, renamed, with the colour's env.
const topology = await referenceTopology();
const gateway = topology.services.find((service) => service.name === 'order-gateway')!;
const ports = Object.fromEntries(topology.componentNames.map((name, i) => [name, 20_000 + i]));
const addresses = { sandboxDir: '/sandbox/env-1', ports, linkPorts: {}, colourPorts: { 'order-gateway': { blue: 31_001, green: 31_002 } } };
const input: ColourContainerInput = { envId: 'env-1', topology, service: gateway, addresses, nodeCompileCache: '/cache' };

describe("a blue/green colour's container spec", () => {
  it("is the service's container under the colour's name, with its own port, colour, build and log file", () => {
    const plain = serviceSpec('env-1', topology, gateway, addresses, '/cache');
    const green = colourSpec(input, 'green', 'slow-start');
    expect(green).toMatchObject({
      role: 'order-gateway-green',
      image: plain.image,
      args: plain.args,
      binds: plain.binds,
      restartPolicy: 'unless-stopped',
    });
    expect(green.env).toMatchObject({
      GATEWAY_PORT: '31002',
      FIREDRILL_COLOUR: 'green',
      GATEWAY_BUILD: 'slow-start',
      LOG_FILE: '/sandbox/env-1/logs/order-gateway-green.log',
      ATS_URL: `http://127.0.0.1:${ports['order-gateway']}`, // nginx's, as every other service sees it
      NODE_COMPILE_CACHE: '/cache',
    });
    expect(plain.env?.LOG_FILE).toBe('/sandbox/env-1/logs/order-gateway.log');
  });

  it('runs the current build when none is named, and names the known builds for an unknown one', () => {
    const blue = colourSpec(input, 'blue');
    expect(blue.env).toMatchObject({ GATEWAY_PORT: '31001', FIREDRILL_COLOUR: 'blue' });
    expect(blue.env).not.toHaveProperty('GATEWAY_BUILD');
    expect(() => colourSpec(input, 'green', 'nope')).toThrow(
      'Unknown build "nope" of order-gateway; known builds: rejects-orders, leaks-connections, healthy-but-failing, slow-start',
    );
  });

  it('env.blueGreen(name) in an environment without blue/green names none, and says how to get one', () => {
    expect(() => blueGreenLookup(undefined)('order-gateway')).toThrow(
      '"order-gateway" does not run blue/green in this environment; its blue/green services: none (provision with blueGreen: [service] to have one)',
    );
  });
});
