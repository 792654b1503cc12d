import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import secondSystemScenarios from '../../fixtures/second-system/scenarios.ts';
import redisOutage from '../../scenarios/redis-outage.ts';
import { scenarios } from '../../scenarios/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import {
  allOf,
  guardedRateGateReset,
  httpStatus,
  killService,
  latency,
  logLag,
  not,
  noOrderAcknowledgedWhile,
  postgresExtensionInstalled,
  redisAnswersPing,
  redisUnreachable,
  serviceStartedWithin,
  transient,
} from '../../src/index.ts';
import { runScenarios } from '../../src/runner/run-scenarios.ts';
import { checkScenarioNames, scenarioNameProblems, usedNames } from '../../src/scenario/scenario-names.ts';
import { ScenarioNamesError } from '../../src/scenario/scenario-names-error.ts';
import { referenceTopology, topologyOf } from '../../src/topology/topology.ts';
import { tempDir, validConfig, writeConfig } from '../config/config-files.ts';
import { neverProvisioningRuntime } from '../support/never-provisioning-runtime.ts';
import { standInScenario } from '../support/stand-in-scenario.ts';

// A system that is not the reference ATS: the second system's names.
const secondSystem = { componentNames: ['postgres', 'redis', 'book', 'ticker'], linkNames: ['book-db', 'book-cache', 'ticker-cache'] };
const knownServices = 'known services: postgres, redis, book, ticker';
const knownLinks = 'known links: book-db, book-cache, ticker-cache';

describe('the shipped scenarios against the reference ATS', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s names only what the reference config declares', async (_, scenario) => {
    expect(scenarioNameProblems(scenario, await referenceTopology())).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s declares what it names, so a system without it is told', (_, scenario) => {
    expect(scenarioNameProblems(scenario, { componentNames: [], linkNames: [] })).not.toEqual([]);
  });

  it('redis-outage: every name through defineScenario, in the order of its fields, recovery (the steady state) once', () => {
    expect(usedNames(redisOutage).map(({ where, kind, name }) => `${where}: ${kind} ${name}`)).toEqual([
      'steadyState[0] (order-gateway /readyz answers 200): service order-gateway',
      'faults[0] (SIGKILL redis): service redis',
      'detection (order-gateway /readyz answers not ready, naming redis): service order-gateway',
      'duringFault[0] (no order acknowledged while redis cannot be consulted (no PONG on $REDIS_PORT)): service redis',
      'remediation[0] (redis.restart) postcondition (redis answers PING on $REDIS_PORT): service redis',
      'remediation[0] (redis.restart) touches.services[0]: service redis',
    ]);
  });
});

describe('the second system', () => {
  it("its scenarios name only what its config declares; the reference ATS's redis-outage is told what it lacks", async () => {
    const topology = topologyOf(await loadConfig(join(repoRoot, 'fixtures', 'second-system', 'firedrill.config.ts')));
    for (const scenario of secondSystemScenarios) expect(scenarioNameProblems(scenario, topology), scenario.id).toEqual([]);
    expect(usedNames(secondSystemScenarios[0]!).length).toBeGreaterThan(0);
    expect(scenarioNameProblems(redisOutage, topology)).toEqual([
      `redis-outage: steadyState[0] (order-gateway /readyz answers 200) names service "order-gateway"; ${knownServices}`,
      `redis-outage: detection (order-gateway /readyz answers not ready, naming redis) names service "order-gateway"; ${knownServices}`,
    ]);
  });
});

describe('a scenario naming what the config does not declare', () => {
  it('in a fault: names the scenario, the field, the fault and the known services', () => {
    const scenario = standInScenario({ id: 'redis-outage', faults: [killService('cache')] });
    expect(scenarioNameProblems(scenario, secondSystem)).toEqual([
      `redis-outage: faults[0] (SIGKILL cache) names service "cache"; ${knownServices}`,
    ]);
  });

  it('in probes, composites included: steady state, detection, during the fault, recovery', () => {
    const scenario = standInScenario({
      steadyState: [httpStatus('book', '/ready'), httpStatus('gateway', '/readyz')],
      detection: not(httpStatus('gateway', '/readyz')),
      duringFault: [noOrderAcknowledgedWhile(redisUnreachable(), { noticeMs: 250 })],
      recovery: [allOf(httpStatus('book', '/ready'), serviceStartedWithin('quotes', 1_000))],
    });
    expect(scenarioNameProblems(scenario, { ...secondSystem, componentNames: ['book'] })).toEqual([
      'stand-in: steadyState[1] (gateway /readyz answers 200) names service "gateway"; known services: book',
      'stand-in: detection (not: gateway /readyz answers 200) names service "gateway"; known services: book',
      'stand-in: duringFault[0] (no order acknowledged while redis cannot be consulted (no PONG on $REDIS_PORT)) names service "redis"; known services: book',
      'stand-in: recovery[0] (book /ready answers 200, and quotes\'s process started within the last 1000 ms) names service "quotes"; known services: book',
    ]);
  });

  it("in a step's touches, postcondition, onlyIf and observe, and the health check's step", () => {
    const scenario = standInScenario({
      remediation: [
        { id: 'cache.restart', postcondition: { probe: redisAnswersPing(), withinMs: 5_000 }, touches: { services: ['book', 'cache'] } },
        { id: 'db.check', onlyIf: postgresExtensionInstalled('timescaledb'), observe: [httpStatus('api', '/')] },
      ],
      healthCheck: { step: { id: 'health.check', touches: { services: ['gateway'] } }, failsNaming: 'redis' },
    });
    expect(scenarioNameProblems(scenario, { componentNames: ['book'], linkNames: [] })).toEqual([
      'stand-in: remediation[0] (cache.restart) postcondition (redis answers PING on $REDIS_PORT) names service "redis"; known services: book',
      'stand-in: remediation[0] (cache.restart) touches.services[1] names service "cache"; known services: book',
      'stand-in: remediation[1] (db.check) onlyIf (extension timescaledb is installed) names service "postgres"; known services: book',
      'stand-in: remediation[1] (db.check) observe[0] (api / answers 200) names service "api"; known services: book',
      'stand-in: healthCheck.step (health.check) touches.services[0] names service "gateway"; known services: book',
    ]);
  });

  it('an unknown link, through transient() and a fault that names its link inside', () => {
    const scenario = standInScenario({ faults: [transient(latency('gateway-redis', { latencyMs: 500 }), 10_000), logLag()] });
    expect(scenarioNameProblems(scenario, secondSystem)).toEqual([
      `stand-in: faults[0] (500 ms (±0) downstream latency on gateway-redis, for 10000 ms) names link "gateway-redis"; ${knownLinks}`,
      `stand-in: faults[1] (log shipping lags: traffic stalled until reverted on shipper-logsink) names link "shipper-logsink"; ${knownLinks}`,
    ]);
    expect(scenarioNameProblems(scenario, { componentNames: secondSystem.componentNames, linkNames: [] })[0]).toMatch(
      /names link "gateway-redis"; known links: none$/,
    );
  });

  it('in a check, names written inside its factory included', () => {
    const scenario = standInScenario({ checks: [guardedRateGateReset('rate-gate.reset')] });
    expect(scenarioNameProblems(scenario, secondSystem)).toEqual([
      `stand-in: checks[0] (step "rate-gate.reset" resets the rate gate only while the exchange is blocking) names service "exchange"; ${knownServices}`,
    ]);
  });
});

describe('blueGreen: the services a scenario runs blue/green', () => {
  it('passes for the services the config marks blueGreen (the reference gateway)', async () => {
    expect(scenarioNameProblems(standInScenario({ blueGreen: ['order-gateway'] }), await referenceTopology())).toEqual([]);
  });

  it('names the scenario, the field and the blue/green services for one the config does not mark, or does not declare', async () => {
    const scenario = standInScenario({ blueGreen: ['order-gateway', 'exchange', 'gateway'] });
    expect(scenarioNameProblems(scenario, await referenceTopology())).toEqual([
      'stand-in: blueGreen[1] names service "exchange", which the config does not mark blueGreen; blue/green services: order-gateway',
      'stand-in: blueGreen[2] names service "gateway", which the config does not mark blueGreen; blue/green services: order-gateway',
    ]);
    expect(scenarioNameProblems(scenario, secondSystem)[0]).toBe(
      'stand-in: blueGreen[0] names service "order-gateway", which the config does not mark blueGreen; blue/green services: none',
    );
  });

  it('defineScenario refuses a service named twice', () => {
    expect(() => standInScenario({ blueGreen: ['order-gateway', 'order-gateway'] })).toThrow(
      /blueGreen\.1: service "order-gateway" is named twice/,
    );
  });
});

describe('before anything starts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("checkScenarioNames: every scenario's problems at once, naming the config", async () => {
    const config = await loadConfig(await writeConfig(dir, validConfig()));
    const bad = [
      standInScenario({ id: 'one', faults: [killService('redis'), killService('cache')] }),
      standInScenario({ id: 'two' }),
      redisOutage,
    ];
    const thrown = (() => {
      try {
        checkScenarioNames(bad, config);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ScenarioNamesError);
    const { message, problems } = thrown as ScenarioNamesError;
    expect(message.split('\n')[0]).toBe(
      `config ${config.file} does not declare what the scenarios name (3 problems); nothing was started ` +
        '(run them against the system they were written for, or rename to what this config declares):',
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('one: faults[1] (SIGKILL cache) names service "cache"; known services: postgres, redis, api, quotes');
    expect(problems.slice(1)).toEqual([
      'redis-outage: steadyState[0] (order-gateway /readyz answers 200) names service "order-gateway"; known services: postgres, redis, api, quotes',
      'redis-outage: detection (order-gateway /readyz answers not ready, naming redis) names service "order-gateway"; known services: postgres, redis, api, quotes',
    ]);
    expect(() => checkScenarioNames([standInScenario(), standInScenario({ faults: [killService('api')] })], config)).not.toThrow();
  });

  it('runScenarios throws it before provisioning anything or writing evidence', async () => {
    const config = await loadConfig(await writeConfig(dir, validConfig()));
    const { runtime, provisioned } = neverProvisioningRuntime();
    const reportDir = join(dir, 'reports');
    await expect(runScenarios([redisOutage], { runtime, config, reportDir, signal: new AbortController().signal })).rejects.toThrow(
      /redis-outage: steadyState\[0\] \(order-gateway \/readyz answers 200\) names service "order-gateway"; known services: postgres, redis, api, quotes/,
    );
    expect(provisioned).toEqual([]);
    await expect(access(reportDir)).rejects.toThrow(/ENOENT/);
  });
});
