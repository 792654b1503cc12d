import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { defaultImages } from '../../src/runtime/docker/image.ts';
import { Ready } from '../../src/runtime/docker/readiness.ts';
import { removeEnvContainers } from '../../src/runtime/docker/reaper.ts';
import { startContainer } from '../../src/runtime/docker/start-container.ts';
import { freePort } from '../../src/host/ports.ts';
import { noEngine, testEnvId } from './docker-fixtures.ts';
import { describeWithDocker } from '../support/docker-required.ts';

const answers = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(500) })).ok;

// The images the next components need (Prometheus + Alertmanager, nginx): each
// starts from the local image on a loopback port and answers for real.
describeWithDocker('prometheus and nginx images', noEngine, () => {
  const envId = testEnvId('monitoring');
  let dir: string;
  afterAll(async () => {
    await removeEnvContainers(envId);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('Prometheus loads the fixture alert rules and is ready; Alertmanager from the same image is ready', async () => {
    const [promPort, amPort] = await Promise.all([freePort(), freePort()]);
    const fixtures = join(process.cwd(), 'fixtures', 'prometheus');
    dir = await mkdtemp(join(tmpdir(), 'firedrill-images-'));
    await chmod(dir, 0o755); // the image runs as the prometheus user
    await writeFile(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: ['${fixtures}/ats-alerts.yml']\n`,
    );
    await writeFile(join(dir, 'alertmanager.yml'), 'route: { receiver: none }\nreceivers: [{ name: none }]\n');
    await startContainer({
      envId,
      role: 'prometheus',
      image: defaultImages.prometheus,
      binds: [
        { source: dir, target: dir, mode: 'ro' },
        { source: fixtures, target: fixtures, mode: 'ro' },
      ],
      args: [`--config.file=${dir}/prometheus.yml`, '--storage.tsdb.path=/tmp/data', `--web.listen-address=127.0.0.1:${promPort}`],
      readiness: Ready.when(`Prometheus ready on ${promPort}`, answers(`http://127.0.0.1:${promPort}/-/ready`)),
    });
    const rules = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string }[] }[] };
    };
    expect(rules.data.groups.flatMap((g) => g.rules.map((r) => r.name))).toContain('SharpeRatioLow');
    await startContainer({
      envId,
      role: 'alertmanager',
      image: defaultImages.prometheus,
      entrypoint: ['prometheus-alertmanager'],
      binds: [{ source: dir, target: dir, mode: 'ro' }],
      args: [
        `--config.file=${dir}/alertmanager.yml`,
        '--storage.path=/tmp/am',
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ],
      readiness: Ready.when(`Alertmanager ready on ${amPort}`, answers(`http://127.0.0.1:${amPort}/-/ready`)),
    });
  });

  test('a Prometheus container refused by a bad rules file fails at once with the error naming the file and line', async () => {
    const port = await freePort();
    dir ??= await mkdtemp(join(tmpdir(), 'firedrill-images-'));
    await chmod(dir, 0o755);
    await writeFile(join(dir, 'bad.yml'), 'groups:\n  - name: drafts\n    rules:\n      - alert: Broken\n        expr: up ==\n');
    await writeFile(join(dir, 'bad-prometheus.yml'), `rule_files: ['${dir}/bad.yml']\n`);
    const start = startContainer({
      envId,
      role: 'prometheus-bad',
      image: defaultImages.prometheus,
      binds: [{ source: dir, target: dir, mode: 'ro' }],
      args: [`--config.file=${dir}/bad-prometheus.yml`, '--storage.tsdb.path=/tmp/data', `--web.listen-address=127.0.0.1:${port}`],
      readiness: Ready.when(`Prometheus ready on ${port}`, answers(`http://127.0.0.1:${port}/-/ready`)),
      startupTimeoutMs: 20_000,
    });
    const message = await start.then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/is exited \(exit code 1\).*; errors in its log:\n/);
    expect(message).toContain(`${dir}/bad.yml: 5:15: group \\"drafts\\", rule 1, \\"Broken\\": could not parse expression`);
  });

  test('nginx serves with a bind-mounted configuration', async () => {
    const port = await freePort();
    dir ??= await mkdtemp(join(tmpdir(), 'firedrill-images-'));
    const conf = `pid /tmp/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path /tmp;\n  server { listen 127.0.0.1:${port}; location / { return 200 "blue\\n"; } }\n}\n`;
    await writeFile(join(dir, 'nginx.conf'), conf);
    await startContainer({
      envId,
      role: 'nginx',
      image: defaultImages.nginx,
      binds: [{ source: join(dir, 'nginx.conf'), target: '/etc/nginx/nginx.conf', mode: 'ro' }],
      readiness: Ready.when(`nginx answering on ${port}`, answers(`http://127.0.0.1:${port}/`)),
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('blue\n');
  });
});
