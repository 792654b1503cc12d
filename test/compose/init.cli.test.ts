import { access, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { firedrillIn } from '../support/firedrill-child.ts';

// `firedrill init --from-compose` as a team runs it: in a directory of its own,
// on its compose file; the config it writes must load once the files it names exist.
const shopCompose = join(import.meta.dirname, 'shop.compose.yml');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-init-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('firedrill init --from-compose', () => {
  it("writes a config that loads, with the compose file's datastores, services and links", async () => {
    await copyFile(shopCompose, join(dir, 'docker-compose.yml'));
    const { exitCode, stdout, stderr } = await firedrillIn(dir, 'init', '--from-compose', 'docker-compose.yml');
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    // What the config names and the compose file does not describe: written by the team, here stand-ins.
    await Promise.all([
      writeFile(join(dir, 'RUNBOOK.md'), '# Runbook\n'),
      writeFile(join(dir, 'workload.ts'), 'export default () => undefined;\n'),
      mkdir(join(dir, 'prometheus')),
    ]);
    const { config } = await loadConfig(join(dir, 'firedrill.config.ts'));
    expect(config.name).toBe('shop');
    expect(config.datastores.postgres).toMatchObject({ version: '15', docker: { image: 'docker.io/library/postgres:15.4-alpine' } });
    expect(config.datastores.redis).toMatchObject({ version: '7', docker: { image: 'redis:7-alpine' } });
    expect(config.services.map((s) => s.name)).toEqual(['api', 'order-worker']);
    const [api, worker] = config.services;
    expect(api).toMatchObject({
      env: { LOG_LEVEL: 'info' },
      docker: { image: 'shop/api:1.4', command: ['node', '/app/dist/server.js', '--log-format', 'json lines'] },
      portVariable: 'PORT',
      urlVariable: 'API_URL',
      paths: { health: '/healthz' },
      links: {
        postgres: { variables: { DATABASE_URL: 'postgres://{user}:{password}@{host}:{port}/{database}?sslmode=disable' } },
        redis: { variables: { REDIS_URL: 'redis://{host}:{port}/0' } },
      },
    });
    expect(api!.local).toBeUndefined();
    // The variables the links and the port carry are not plain env too; API_KEY has no value outside a shell.
    expect(worker!.env).toEqual({ QUEUE: 'orders' });
    expect(worker!.docker!.image).toBe('local/order-worker:dev');
    expect(worker!.links).toEqual({
      postgres: {
        variables: { DB_HOST: '{host}', DB_PORT: '{port}', DB_USER: '{user}', DB_PASSWORD: '{password}', DB_NAME: '{database}' },
      },
    });
    expect(stdout).toContain('Wrote firedrill.config.ts from docker-compose.yml.\n');
    expect(stdout).toContain(
      [
        'Translated:',
        '  datastores  postgres 15 (db: docker.io/library/postgres:15.4-alpine)',
        '              redis 7 (cache: redis:7-alpine)',
        '  services    api (PORT, health /healthz)',
        '              order-worker (PORT, health /health)',
        '  links       api → postgres (DATABASE_URL)',
        '              api → redis (REDIS_URL)',
        '              order-worker → postgres (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME)',
        'Not translated (each a TODO in firedrill.config.ts):',
      ].join('\n'),
    );
    expect(stdout).not.toContain('Still to fix');
  });

  it('reports, numbered, what it did not translate, each also a TODO in the file', async () => {
    await copyFile(shopCompose, join(dir, 'docker-compose.yml'));
    const { stdout } = await firedrillIn(dir, 'init', '--from-compose', 'docker-compose.yml');
    const items = stdout
      .split('Not translated')[1]!
      .split('\n')
      .slice(1)
      .filter((line) => line !== '');
    expect(items.map((line) => /^ {2}(\d+)\. /.exec(line)?.[1])).toEqual(items.map((_, i) => String(i + 1)));
    const untranslated = items.map((line) => line.replace(/^ {2}\d+\. /, '').split(': ')[0]);
    expect(untranslated).toEqual(
      expect.arrayContaining([
        'volumes (top level)',
        'networks (top level)',
        'services.api.networks',
        'services.order_worker.volumes',
        'services.order_worker.build',
        'services.order_worker.environment.API_KEY',
        'services.order_worker.healthcheck',
        'services.order_worker.depends_on.cache',
        'runbook',
        'workload',
      ]),
    );
    // A dependency reached through variables is linked, not reported.
    expect(untranslated).not.toContain('services.order_worker.depends_on.db');
    expect(untranslated).not.toContain('services.api.depends_on.db');
    expect(stdout).toContain('services.order_worker.build: compose builds this image from ./worker');
    expect(stdout).toContain('docker build -t local/order-worker:dev ./worker');
    expect(stdout).toContain('/docker-entrypoint-initdb.d belong in datastores.postgres.migrations');
    const written = await readFile(join(dir, 'firedrill.config.ts'), 'utf8');
    expect(written.match(/\/\/ TODO: /g)).toHaveLength(items.length);
    expect(written).toMatch(/^ {4}\/\/ TODO: services\.order_worker\.volumes: not translated/m);
    expect(written).toMatch(/\/\/ TODO: services\.order_worker\.build: .*\n.*\n.*\n {8}image: 'local\/order-worker:dev',/);
    expect(written).toContain('from\n * docker-compose.yml: a start');
    expect(written).toMatch(/^import \{ defineConfig \} from '(\.\.\/)+.*src\/index\.ts';$/m);
  });

  it("lists what firedrill's checks would still find in the file as written", async () => {
    // A pooler that listens on PGPORT: a variable every service already gets from datastores.postgres.
    const compose =
      'services:\n  pooler:\n    image: edoburu/pgbouncer:1.22\n    environment: { DB_HOST: db, DB_PORT: 5432, PGPORT: 6432 }\n    expose: [6432]\n  db:\n    image: postgres:15\n';
    await writeFile(join(dir, 'compose.yaml'), compose);
    const { exitCode, stdout } = await firedrillIn(dir, 'init', '--from-compose', 'compose.yaml');
    expect(exitCode).toBe(0);
    expect(stdout).toContain(
      'Still to fix before firedrill can use it (firedrill list --config firedrill.config.ts shows what remains):\n' +
        "  services[0].portVariable: expected a variable of this service's own; PGPORT is also datastores.postgres.variables.PGPORT",
    );
  });

  it.each([
    ['not YAML', 'services:\n  api: [1, 2\n', /: expected YAML; Flow sequence .* at line 3, column 1$/m],
    [
      'no services map',
      'version: "3.9"\n',
      /: services: expected a map of services \(services: \{ api: \{ image: team\/api:1\.4 \} \}\); got nothing$/m,
    ],
    ['services as a list', 'services:\n  - api\n', /: services: expected a map of services .*; got a list$/m],
    [
      'a service without image or build',
      'services:\n  api:\n    environment: [PORT=8080]\n',
      /: services\.api\.image: expected an image \(image: team\/api:1\.4\) or a build \(build: \.\/api\); got neither$/m,
    ],
    [
      'an image that is not a name',
      'services:\n  api:\n    image: 3\n',
      /: services\.api\.image: expected an image name, like "team\/api:1\.4"; got the number 3$/m,
    ],
    [
      'a depends_on on no service',
      'services:\n  api:\n    image: a:1\n    depends_on: [dbb]\n',
      /: services\.api\.depends_on: expected a service of this file; "dbb" is not one \(known: api\)$/m,
    ],
    [
      'only datastores',
      'services:\n  db:\n    image: postgres:16\n',
      /: services: expected at least one service besides the datastores \(db\)/m,
    ],
  ])('%s: exit 2, naming the file and the field, nothing written', async (_case, compose, message) => {
    await writeFile(join(dir, 'compose.yaml'), compose);
    const { exitCode, stdout, stderr } = await firedrillIn(dir, 'init', '--from-compose', 'compose.yaml');
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^firedrill: compose file compose\.yaml has \d problems?; nothing was written:\n {2}compose\.yaml: /);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(await exists(join(dir, 'firedrill.config.ts'))).toBe(false);
  });

  it('lists every problem of the file at once', async () => {
    await writeFile(join(dir, 'compose.yaml'), 'services:\n  api:\n    ports: 8080\n  worker:\n    command: {}\n');
    const { exitCode, stderr } = await firedrillIn(dir, 'init', '--from-compose', 'compose.yaml');
    expect(exitCode).toBe(2);
    expect(stderr.split('\n').slice(1)).toEqual([
      '  compose.yaml: services.api.image: expected an image (image: team/api:1.4) or a build (build: ./api); got neither',
      '  compose.yaml: services.api.ports: expected a list of ports, like ["8080:8080"]; got the number 8080',
      '  compose.yaml: services.worker.image: expected an image (image: team/api:1.4) or a build (build: ./api); got neither',
      '  compose.yaml: services.worker.command: expected a string or a list of arguments; got a map',
    ]);
  });

  it('a compose file that is not there: exit 2, naming it', async () => {
    const { exitCode, stderr } = await firedrillIn(dir, 'init', '--from-compose', 'docker-compose.yml');
    expect(exitCode).toBe(2);
    expect(stderr).toContain('docker-compose.yml: expected a readable compose file; found nothing at this path');
    expect(await exists(join(dir, 'firedrill.config.ts'))).toBe(false);
  });

  it('refuses to overwrite the output file unless --force', async () => {
    await copyFile(shopCompose, join(dir, 'docker-compose.yml'));
    const out = join(dir, 'drills', 'firedrill.config.ts');
    await mkdir(join(dir, 'drills'));
    await writeFile(out, "// the team's own\n");
    const refused = await firedrillIn(dir, 'init', '--from-compose', 'docker-compose.yml', '--out', 'drills/firedrill.config.ts');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe('firedrill: drills/firedrill.config.ts exists; nothing was written (--force overwrites it)');
    expect(await readFile(out, 'utf8')).toBe("// the team's own\n");
    const forced = await firedrillIn(dir, 'init', '--from-compose', 'docker-compose.yml', '--out', 'drills/firedrill.config.ts', '--force');
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('Wrote drills/firedrill.config.ts from docker-compose.yml.');
    const written = await readFile(out, 'utf8');
    // One directory deeper, so the import of firedrill's surface and the header's compose path are relative to it.
    expect(written).toContain("name: 'shop'");
    expect(written).toContain('from\n * ../docker-compose.yml: a start');
  });

  it('--help says what it translates and its exit codes', async () => {
    const { exitCode, stdout } = await firedrillIn(dir, 'init', '--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('--from-compose <file>');
    expect(stdout).toContain('--force');
    expect(stdout).toMatch(/Exit codes: 0 written, 2 the compose file cannot be read or translated/);
  });

  it('without --from-compose: exit 2, naming the option', async () => {
    const { exitCode, stderr } = await firedrillIn(dir, 'init');
    expect(exitCode).toBe(2);
    expect(stderr).toContain("required option '--from-compose <file>' not specified");
  });
});
