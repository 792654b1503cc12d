import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readComposeFile } from '../../src/compose/read-compose-file.ts';
import { renderConfig } from '../../src/compose/render-config.ts';
import { type ComposeImport, translateCompose } from '../../src/compose/translate-compose.ts';
import { configSchema } from '../../src/config/config-schema.ts';
import { crossCheck } from '../../src/config/cross-check.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-compose-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function translated(compose: string): Promise<ComposeImport> {
  const file = join(dir, 'compose.yaml');
  await writeFile(file, compose);
  return translateCompose(await readComposeFile(file));
}

const notesOf = (imported: ComposeImport) => imported.notes.map((note) => `${note.source}: ${note.text}`);
const service = (imported: ComposeImport, name: string) => imported.config.services.find((s) => s.name === name)!;

/** What firedrill's own checks say of the translated fields: nothing, whatever the compose file. */
function checkProblems(imported: ComposeImport): string[] {
  const parsed = configSchema.safeParse(imported.config);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return crossCheck(parsed.data).map((problem) => `${problem.field}: ${problem.message}`);
}

describe('links from the variables that name another service', () => {
  const compose = `
services:
  gateway:
    image: team/gateway:2
    environment:
      HTTP_PORT: 9000
      PRICES_URL: http://prices:7000/v1
      CACHE_ADDR: cache:6379
      SESSIONS_URL: redis://:hunter2@Cache:6379/1
      PUBLIC_URL: http://gateway:9000
    expose: ["9000"]
    depends_on: [prices, cache]
  prices:
    image: team/prices:1
    environment: [PORT=7000]
    ports: ["7000"]
    healthcheck:
      test: ["CMD", "nc", "-z", "localhost", "7000"]
  cache:
    image: redis:7
`;

  it('to a service and to redis, by URL and by host:port; a name of its own stays plain env', async () => {
    const imported = await translated(compose);
    expect(service(imported, 'gateway')).toEqual({
      name: 'gateway',
      env: { PUBLIC_URL: 'http://gateway:9000' },
      docker: { image: 'team/gateway:2' },
      portVariable: 'HTTP_PORT',
      urlVariable: 'GATEWAY_URL',
      paths: { health: '/health' },
      links: {
        prices: { variables: { PRICES_URL: 'http://{host}:{port}/v1' } },
        redis: { variables: { CACHE_ADDR: '{host}:{port}', SESSIONS_URL: 'redis://{host}:{port}/1' } },
      },
    });
    expect(imported.translated.links).toEqual(['gateway → prices (PRICES_URL)', 'gateway → redis (CACHE_ADDR, SESSIONS_URL)']);
    expect(notesOf(imported)).toEqual(
      expect.arrayContaining([
        'services.gateway.environment.PUBLIC_URL: names gateway itself; kept as written',
        "services.gateway.environment.SESSIONS_URL: its credentials are left out: firedrill's Redis has no password",
        'services.prices.healthcheck: `nc -z localhost 7000` is not a curl or wget of a URL firedrill can read; /health assumed: set the path that answers 200 when healthy',
      ]),
    );
    // depends_on carried by variables: linked, nothing to report.
    expect(notesOf(imported).filter((note) => note.includes('depends_on'))).toEqual([]);
    expect(checkProblems(imported)).toEqual([]);
  });

  it('never writes a password it leaves out, in the notes or the file', async () => {
    const imported = await translated(compose);
    const text = renderConfig(imported, join(dir, 'compose.yaml'), join(dir, 'firedrill.config.ts'));
    expect(text).not.toContain('hunter2');
    expect(notesOf(imported).join('\n')).not.toContain('hunter2');
    // Every note is a TODO in the file.
    expect(text.match(/\/\/ TODO: /g)).toHaveLength(imported.notes.length);
  });

  it('a host with no variable for its port: not linked, left out of env, reported once', async () => {
    const imported = await translated(`
services:
  api:
    image: a:1
    environment: { DB_HOST: db, PORT: 8080 }
    ports: ["8080:8080"]
    depends_on: [db]
  db:
    image: postgres:16
`);
    const api = service(imported, 'api');
    expect(api.links).toBeUndefined();
    expect(api.env).toBeUndefined();
    expect(api.portVariable).toBe('PORT');
    const aboutDb = notesOf(imported).filter((note) => note.startsWith('services.api'));
    expect(aboutDb).toEqual([
      'services.api: compose gives only a container; the local runtime (the default of firedrill run) needs local: { command, args } too: add one, or drill with --runtime docker',
      'services.api.environment.DB_HOST: DB_HOST names db as a host, but no variable carries its port, and the fault proxy listens on a port of its own: not linked, left out; give the service a port variable (like DB_PORT) and add links.postgres',
      'services.api.healthcheck: none; /health assumed: set the path that answers 200 when the service is healthy',
    ]);
    expect(checkProblems(imported)).toEqual([]);
  });

  it('a depends_on no variable carries: reported, not invented', async () => {
    const imported = await translated('services:\n  api:\n    image: a:1\n    depends_on: [queue]\n  queue:\n    image: team/queue:1\n');
    expect(service(imported, 'api').links).toBeUndefined();
    expect(notesOf(imported)).toContain(
      "services.api.depends_on.queue: no variable carries queue's address, so there is no link (it would lead nowhere): if the service finds queue another way, give it variables and declare links.queue",
    );
  });
});

describe('names and datastores', () => {
  it('kebab-cases and deduplicates names; a second postgres is not run and not linked', async () => {
    const imported = await translated(`
services:
  api_v2:
    image: a:1
    environment: { ANALYTICS_DSN: "postgres://u:p@analytics-db/x", DSN: "postgres://u:p@db:5432/x" }
  api-v2: { image: b:1 }
  redis: { image: team/redis-proxy:1 }
  cache: { image: "valkey/valkey:8" }
  db: { image: "postgres:15" }
  analytics-db: { image: "timescale/timescaledb:2.14.2-pg16" }
`);
    expect(imported.config.services.map((s) => s.name)).toEqual(['api-v2', 'api-v2-2', 'redis-2']);
    expect(imported.config.datastores).toEqual({
      redis: { version: '8', docker: { image: 'valkey/valkey:8' } },
      postgres: { version: '15', docker: { image: 'postgres:15' } },
    });
    expect(service(imported, 'api-v2').links).toEqual({
      postgres: { variables: { DSN: 'postgres://{user}:{password}@{host}:{port}/{database}' } },
    });
    expect(notesOf(imported)).toEqual(
      expect.arrayContaining([
        "services.api-v2: named api-v2-2: firedrill's names are kebab-case and unique",
        "services.redis: named redis-2: firedrill's names are kebab-case and unique",
        'services.analytics-db: a second postgres (timescale/timescaledb:2.14.2-pg16): firedrill runs one; not translated',
        'services.api_v2.environment.ANALYTICS_DSN: ANALYTICS_DSN reaches analytics-db, which firedrill does not run: not linked, left out',
      ]),
    );
    expect(checkProblems(imported)).toEqual([]);
  });

  it('a datastore image whose tag names no version, or that firedrill cannot name', async () => {
    const imported = await translated(
      'services:\n  api: { image: "a:1" }\n  db: { image: "postgres" }\n  cache: { image: "localhost:5000/redis:7" }\n',
    );
    expect(imported.config.datastores).toEqual({ postgres: { version: '15', docker: { image: 'postgres' } }, redis: { version: '7' } });
    expect(notesOf(imported)).toEqual(
      expect.arrayContaining([
        "services.db.image: postgres's tag names no version; 15 assumed",
        'services.cache.image: "localhost:5000/redis:7" is not an image name firedrill accepts here; docker left out: name the image for a docker run',
      ]),
    );
    expect(checkProblems(imported)).toEqual([]);
  });
});

describe('commands, interpolation and env', () => {
  it('takes what it can and reports the rest', async () => {
    const imported = await translated(`
services:
  web:
    image: \${REGISTRY:-ghcr.io/team}/web:\${TAG}
    command: ./migrate && ./serve
    environment:
      - GREETING=hello {name}
      - bad.name=1
      - SECRET=\${SECRET}
      - PRICE=$$5
      - LOG_DIR={sandbox}/logs
  job:
    image: team/job:1
    command: run --name "unclosed
`);
    expect(service(imported, 'web')).toMatchObject({
      env: { PRICE: '$5', LOG_DIR: '{sandbox}/logs' },
      docker: { image: `ghcr.io/team/web:\${TAG}`, command: ['./migrate', '&&', './serve'] },
    });
    expect(service(imported, 'job').docker).toEqual({ image: 'team/job:1' });
    expect(notesOf(imported)).toEqual(
      expect.arrayContaining([
        "services.web.image: needs $TAG from the shell: write the image's name",
        "services.web.command: has &&, which compose passes to the entrypoint as arguments (no shell runs it), and so does firedrill: if a shell was meant, write ['sh', '-c', '…']",
        'services.web.environment.GREETING: left out: its value has {name}, which firedrill would read as a placeholder',
        'services.web.environment.bad.name: left out: not a name an environment variable can have here (letters, digits, _)',
        'services.web.environment.SECRET: left out: its value needs $SECRET from the shell or an .env file; write the value',
        'services.job.command: `run --name "unclosed` cannot be split into arguments (its double quote is never closed): left out, so the image\'s own command runs; write it as a list',
      ]),
    );
    expect(checkProblems(imported)).toEqual([]);
  });
});
