import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigFileError } from '../../src/config/config-file-error.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, validConfig, writeConfig } from './config-files.ts';

// Each problem a team can make in its firedrill.config.ts gives one message
// naming the file and the field, expected against actual.
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The problems of a config file as "field: message", after checking the error names the file on every line. */
async function problemsOf(source: object | string): Promise<string[]> {
  const file = await writeConfig(dir, source);
  const error = await loadConfig(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigFileError)) throw new Error(`expected a ConfigFileError, got ${String(error)}`);
  expect(error.file).toBe(file);
  for (const line of error.message.split('\n').slice(1)) expect(line).toContain(`${file}: `);
  return error.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
}

describe('a config with a problem', () => {
  it('loads when nothing is wrong: the valid config the cases below break', async () => {
    const loaded = await loadConfig(await writeConfig(dir, validConfig()));
    expect(loaded.config.services.map((s) => s.name)).toEqual(['api', 'quotes']);
    expect(loaded.config.services[0]!.local!.cwd).toBe(dir);
  });

  it('two services with the same name', async () => {
    const config = validConfig();
    config.services[1]!.name = 'api';
    delete config.services[0]!.links.quotes;
    expect(await problemsOf(config)).toEqual(['services[1].name: expected a unique name; "api" is also services[0].name']);
  });

  it('a service named like a datastore', async () => {
    const config = validConfig();
    config.services[1]!.name = 'redis';
    delete config.services[0]!.links.quotes;
    expect(await problemsOf(config)).toEqual(['services[1].name: expected a unique name; "redis" is also datastores.redis']);
  });

  it('two links with the same name', async () => {
    const config = validConfig();
    config.services[0]!.links.postgres!.name = 'api-quotes';
    expect(await problemsOf(config)).toEqual([
      'services[0].links.quotes.name: expected a unique link name; "api-quotes" is also services[0].links.postgres',
    ]);
  });

  it('a link naming an unknown service or datastore, listing the known ones', async () => {
    const config = validConfig();
    config.services[0]!.links.postgress = config.services[0]!.links.postgres!;
    delete config.services[0]!.links.postgres;
    expect(await problemsOf(config)).toEqual([
      'services[0].links.postgress: expected a service or datastore to link to; "postgress" is neither (known: postgres, redis, api, quotes)',
    ]);
  });

  it('a link to a datastore the config does not declare', async () => {
    const config = validConfig();
    delete config.datastores!.redis;
    config.services[1]!.links.redis = { variables: { CACHE: '{host}:{port}' } };
    expect(await problemsOf(config)).toEqual([
      'services[1].links.redis: expected a service or datastore to link to; "redis" is neither (known: postgres, api, quotes)',
    ]);
  });

  it('a link to nothing: no variable carries the address, so no traffic would pass the fault proxy', async () => {
    const config = validConfig();
    config.services[0]!.links.postgres!.variables = {};
    expect(await problemsOf(config)).toEqual([
      "services[0].links.postgres.variables: expected a variable carrying postgres's port, like { POSTGRES_PORT: '{port}' }; got none, so the link leads nowhere",
    ]);
  });

  it('a link from a service to itself', async () => {
    const config = validConfig();
    config.services[1]!.links.quotes = { variables: { SELF: '{port}' } };
    expect(await problemsOf(config)).toEqual(['services[1].links.quotes: expected a dependency; "quotes" links to itself']);
  });

  it('a link whose variables carry no {port}: the service would still reach the dependency directly', async () => {
    const config = validConfig();
    config.services[0]!.links.postgres!.variables = { DB_HOST: '{host}' };
    expect(await problemsOf(config)).toEqual([
      "services[0].links.postgres.variables: expected a variable carrying postgres's port, like { POSTGRES_PORT: '{port}' }; got DB_HOST, none with {port}",
    ]);
  });

  it('a placeholder a link cannot fill', async () => {
    const config = validConfig();
    config.services[0]!.links.postgres!.variables = { DB_PORT: '{port}', DB_TOKEN: '{token}' };
    expect(await problemsOf(config)).toEqual([
      'services[0].links.postgres.variables.DB_TOKEN: expected only the placeholders {host}, {port}, {user}, {password}, {database}; got {token} in "{token}"',
    ]);
  });

  it("postgres's credentials on a link to anything else", async () => {
    const config = validConfig();
    config.services[0]!.links.quotes!.variables = { QUOTES_URL: 'http://{user}:{password}@{host}:{port}' };
    expect(await problemsOf(config)).toEqual([
      "services[0].links.quotes.variables: expected only {host} and {port} on a link to quotes; {user} is postgres's alone",
    ]);
  });

  it('a link to postgres may carry a whole connection URL', async () => {
    const config = validConfig();
    config.services[0]!.links.postgres!.variables = { DATABASE_URL: 'postgres://{user}:{password}@{host}:{port}/{database}' };
    await expect(loadConfig(await writeConfig(dir, config))).resolves.toBeDefined();
  });

  it('a service without a port variable', async () => {
    const config = validConfig();
    delete (config.services[1] as { portVariable?: string }).portVariable;
    expect(await problemsOf(config)).toEqual([
      `services[1].portVariable: expected the variable that carries the service's port, like "GATEWAY_PORT"; got none`,
    ]);
  });

  it('services may share a port variable name (each gets its own value), like PORT', async () => {
    const config = validConfig();
    config.services[0]!.portVariable = 'PORT';
    config.services[1]!.portVariable = 'PORT';
    await expect(loadConfig(await writeConfig(dir, config))).resolves.toBeDefined();
  });

  it("a port variable that is another service's URL variable, which every service gets", async () => {
    const config = validConfig();
    config.services[0]!.urlVariable = 'QUOTES_URL';
    config.services[1]!.portVariable = 'QUOTES_URL';
    expect(await problemsOf(config)).toEqual([
      "services[1].portVariable: expected a variable of this service's own; QUOTES_URL is also services[0].urlVariable",
    ]);
  });

  it('two services with the same URL variable', async () => {
    const config = validConfig();
    config.services[0]!.urlVariable = 'API_URL';
    config.services[1]!.urlVariable = 'API_URL';
    expect(await problemsOf(config)).toEqual([
      "services[1].urlVariable: expected a variable of this service's own; API_URL is also services[0].urlVariable",
    ]);
  });

  it("a port variable that is also a datastore's variable, which every service gets", async () => {
    const config = validConfig();
    config.services[0]!.portVariable = 'PGPORT';
    expect(await problemsOf(config)).toEqual([
      "services[0].portVariable: expected a variable of this service's own; PGPORT is also datastores.postgres.variables.PGPORT",
    ]);
  });

  it.each([
    ['runbook', (c: ReturnType<typeof validConfig>) => Object.assign(c, { runbook: './RUNBOOK.md' }), 'a file at "./RUNBOOK.md"'],
    [
      'stepPaths.ATS_OPS_DIR',
      (c: ReturnType<typeof validConfig>) => Object.assign(c, { stepPaths: { ATS_OPS_DIR: './ops' } }),
      'a file or a directory at "./ops"',
    ],
    [
      'monitoring.rulesDir',
      (c: ReturnType<typeof validConfig>) => Object.assign(c.monitoring, { rulesDir: './prometheus' }),
      'a directory at "./prometheus"',
    ],
    [
      'datastores.postgres.migrations',
      (c: ReturnType<typeof validConfig>) => Object.assign(c.datastores!.postgres!, { migrations: 'sql' }),
      'a directory at "sql"',
    ],
  ])('a %s path that does not exist', async (field, breakIt, expected) => {
    const config = validConfig();
    breakIt(config);
    const [problem, ...more] = await problemsOf(config);
    expect(more).toEqual([]);
    expect(problem).toMatch(
      new RegExp(`^${field.replace('.', '\\.')}: expected ${expected.replace('.', '\\.')} \\(${dir}/.*\\); found nothing$`),
    );
  });

  it('a path of the wrong kind: a directory where a file is expected', async () => {
    const config = validConfig();
    config.runbook = '.';
    expect(await problemsOf(config)).toEqual([`runbook: expected a file at "." (${dir}); found a directory`]);
  });

  it('a file that exports no config, saying which exports were expected and which it has', async () => {
    expect(await problemsOf(`export const system = ${JSON.stringify(validConfig())};\n`)).toEqual([
      'expected a default export (export default defineConfig({ … })) or a named export "config"; it exports system',
    ]);
  });

  it('a file that fails to import', async () => {
    const [problem] = await problemsOf("throw new Error('no VAULT_TOKEN');\n");
    expect(problem).toMatch(/^expected a module that loads; importing it failed: no VAULT_TOKEN$/);
  });

  it('a misspelt field, and a value of the wrong type', async () => {
    const config = { ...validConfig(), runbok: 'RUNBOOK.md' } as object;
    (config as { name: unknown }).name = 42;
    expect(await problemsOf(config)).toEqual(['name: Invalid input: expected string, received number', 'Unrecognized key: "runbok"']);
  });

  it('reports every problem at once', async () => {
    const config = validConfig();
    config.services[1]!.name = 'api';
    delete config.services[0]!.links.quotes;
    config.services[1]!.portVariable = 'PGPORT';
    config.services[0]!.links.postgres!.variables = {};
    config.runbook = join(dir, 'missing.md');
    expect((await problemsOf(config)).map((p) => p.split(':')[0])).toEqual([
      'services[1].name',
      'services[0].links.postgres.variables',
      'services[1].portVariable',
      'runbook',
    ]);
  });
});

describe('a blue/green service with a problem', () => {
  it('loads with builds, the upstreams variable defaulting to NGINX_UPSTREAMS', async () => {
    const config = validConfig();
    config.services[0]!.blueGreen = { builds: { 'rejects-orders': { env: { API_BUILD: 'rejects-orders' } } } };
    const loaded = await loadConfig(await writeConfig(dir, config));
    expect(loaded.config.services[0]!.blueGreen).toEqual({
      builds: { 'rejects-orders': { env: { API_BUILD: 'rejects-orders' } } },
      upstreamsVariable: 'NGINX_UPSTREAMS',
    });
    expect(loaded.config.services[1]!.blueGreen).toBeUndefined();
  });

  it('a build name that is not kebab-case, a misspelt field, a bad variable name: each named by its field', async () => {
    const config = validConfig();
    config.services[0]!.blueGreen = {
      builds: { Slow_Start: { env: {} }, 'slow-start': { env: {}, enviroment: {} } as never },
      upstreamsVariable: 'nginx-upstreams',
    };
    expect(await problemsOf(config)).toEqual([
      'services[0].blueGreen.builds.Slow_Start: expected a kebab-case name, like "order-gateway"',
      'services[0].blueGreen.builds.slow-start: Unrecognized key: "enviroment"',
      'services[0].blueGreen.upstreamsVariable: expected an environment variable name, like "GATEWAY_PORT"',
    ]);
  });

  it("a build setting the colour's port or name", async () => {
    const config = validConfig();
    config.services[0]!.blueGreen = { builds: { bad: { env: { API_PORT: '1', FIREDRILL_COLOUR: 'green', OK: 'yes' } } } };
    expect(await problemsOf(config)).toEqual([
      "services[0].blueGreen.builds.bad.env.API_PORT: expected the build's own variables; API_PORT is set by firedrill for each colour (its port)",
      "services[0].blueGreen.builds.bad.env.FIREDRILL_COLOUR: expected the build's own variables; FIREDRILL_COLOUR is set by firedrill for each colour (its name)",
    ]);
  });

  it('a blue/green service whose upstreams variable hides a datastore variable', async () => {
    const config = validConfig();
    config.services[0]!.blueGreen = {};
    config.services[1]!.blueGreen = { upstreamsVariable: 'REDIS_PORT' };
    expect(await problemsOf(config)).toEqual([
      "services[1].blueGreen.upstreamsVariable: expected a variable of this service's own; REDIS_PORT is also datastores.redis.variables.REDIS_PORT",
    ]);
  });

  it('two blue/green services sharing the upstreams variable', async () => {
    const config = validConfig();
    config.services[0]!.blueGreen = {};
    config.services[1]!.blueGreen = {};
    expect(await problemsOf(config)).toEqual([
      "services[1].blueGreen.upstreamsVariable: expected a variable of this service's own; NGINX_UPSTREAMS is also services[0].blueGreen.upstreamsVariable",
    ]);
  });
});
