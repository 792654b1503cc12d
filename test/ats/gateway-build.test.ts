import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createGatewayBuild, gatewayBuildNames, parseGatewayBuild } from '../../fixtures/ats/order-gateway/builds/gateway-build.ts';
import { readGatewayConfig } from '../../fixtures/ats/order-gateway/config.ts';
import { ConfigError } from '../../fixtures/ats/shared/env.ts';
import { gatewayBaseEnv } from '../support/gateway-env.ts';
import { HttpProblem } from '../../fixtures/ats/shared/http-problem.ts';

// Which build the reference gateway runs (GATEWAY_BUILD) and what each build
// changes; what each does to a running gateway is measured on a real one in
// bad-builds-and-smoke.integration.test.ts.
const baseEnv = gatewayBaseEnv;
const noPool = {} as pg.Pool;
const order = { symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100 };

function configError(env: Record<string, string>): ConfigError {
  try {
    readGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('readGatewayConfig accepted the configuration');
}

describe('GATEWAY_BUILD', () => {
  it('is the current build when absent, empty or "current", with a 20 s slow start by default', () => {
    expect(readGatewayConfig(baseEnv)).toMatchObject({ build: 'current', slowStartMs: 20_000 });
    expect(readGatewayConfig({ ...baseEnv, GATEWAY_BUILD: '' }).build).toBe('current');
    expect(readGatewayConfig({ ...baseEnv, GATEWAY_BUILD: 'current' }).build).toBe('current');
  });

  it.each(gatewayBuildNames)('selects %s by name', (name) => {
    expect(readGatewayConfig({ ...baseEnv, GATEWAY_BUILD: name }).build).toBe(name);
  });

  it('refuses an unknown build, naming it and every known one', () => {
    expect(configError({ ...baseEnv, GATEWAY_BUILD: 'rejects-order' }).problems).toEqual([
      'GATEWAY_BUILD names an unknown build; known: current, rejects-orders, leaks-connections, healthy-but-failing, slow-start, got "rejects-order"',
    ]);
  });

  it('reads GATEWAY_SLOW_START_MS, 0 allowed, a negative or non-integer refused', () => {
    expect(readGatewayConfig({ ...baseEnv, GATEWAY_SLOW_START_MS: '1500' }).slowStartMs).toBe(1500);
    expect(readGatewayConfig({ ...baseEnv, GATEWAY_SLOW_START_MS: '0' }).slowStartMs).toBe(0);
    expect(configError({ ...baseEnv, GATEWAY_SLOW_START_MS: '-1' }).problems).toEqual([
      expect.stringMatching(/^GATEWAY_SLOW_START_MS must be an integer in \[0, /),
    ]);
  });

  it('parses names with surrounding spaces, and says what is wrong with an unknown one', () => {
    expect(parseGatewayBuild(' slow-start ')).toBe('slow-start');
    expect(() => parseGatewayBuild('fast')).toThrow(/unknown build; known: current, rejects-orders/);
  });
});

describe('the builds', () => {
  const context = { pool: noPool, slowStartMs: 1000, now: () => 0 };

  it('current changes nothing and breaks nothing', () => {
    expect(createGatewayBuild('current', context)).toEqual({ name: 'current' });
  });

  it('every bad build says what it breaks, for the startup warning', () => {
    for (const name of gatewayBuildNames.filter((n) => n !== 'current')) {
      const build = createGatewayBuild(name, context);
      expect(build.name).toBe(name);
      expect(build.breaks?.length).toBeGreaterThan(20);
    }
  });

  it('rejects-orders refuses a valid order with 400, naming the field no client sends', () => {
    const build = createGatewayBuild('rejects-orders', context);
    let refusal: unknown;
    try {
      build.parseOrder!(order);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect((refusal as HttpProblem).status).toBe(400);
    expect((refusal as HttpProblem).body).toMatchObject({ field: 'timeInForce' });
  });

  it('leaks-connections and healthy-but-failing replace the insert, and only that', () => {
    for (const name of ['leaks-connections', 'healthy-but-failing'] as const) {
      const build = createGatewayBuild(name, context);
      expect(Object.keys(build).sort()).toEqual(['breaks', 'insertOrder', 'name']);
    }
  });

  it('slow-start is starting up until slowStartMs after it was made, saying how long is left', () => {
    let nowMs = 5000;
    const build = createGatewayBuild('slow-start', { pool: noPool, slowStartMs: 20_000, now: () => nowMs });
    expect(build.startingUp!()).toBe('warming up: ready in 20000 ms (slow-start build, 20000 ms after start)');
    nowMs = 24_999.5;
    expect(build.startingUp!()).toMatch(/^warming up: ready in 1 ms/);
    nowMs = 25_000;
    expect(build.startingUp!()).toBeUndefined();
  });
});
