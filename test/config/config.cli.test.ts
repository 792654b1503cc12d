import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { tempDir, validConfig, writeConfig } from './config-files.ts';

// The CLI as a child process, from a working directory of the test's own.
const firedrill = (cwd: string, ...args: string[]) =>
  execa(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd, reject: false });

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const brokenConfig = () => {
  const config = validConfig();
  delete (config.services[1] as { portVariable?: string }).portVariable;
  return config;
};

describe('firedrill with a config', () => {
  it.each([['run', 'redis-outage'], ['list'], ['verify-runbook', '--base', 'HEAD', '--dry-run']])(
    '%s exits 2 on a bad --config, naming file and field, and starts nothing',
    async (...args) => {
      const file = await writeConfig(dir, brokenConfig(), 'broken.config.ts');
      const reportDir = join(dir, 'reports');
      const { exitCode, stdout, stderr } = await firedrill(
        dir,
        ...args,
        '--config',
        file,
        ...(args[0] === 'list' ? [] : ['-o', reportDir]),
      );
      expect(exitCode).toBe(2);
      // Shown relative to the working directory, as the runbook is.
      expect(stderr).toContain(`\n  broken.config.ts: services[1].portVariable: expected the variable that carries the service's port`);
      expect(stdout).toBe('');
      // The report dir is made before any environment is provisioned: its absence shows nothing started.
      await expect(access(reportDir)).rejects.toThrow(/ENOENT/);
    },
  );

  it('run exits 2 on a config in the working directory with a problem', async () => {
    await writeConfig(dir, brokenConfig());
    const { exitCode, stderr } = await firedrill(dir, 'run', 'redis-outage', '-o', join(dir, 'reports'));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(
      /^firedrill: config .*firedrill\.config\.ts has 1 problem; nothing was started:\n {2}.*firedrill\.config\.ts: services\[1\]\.portVariable: /,
    );
  });

  it("run exits 2 when the config's alert rules are ones Prometheus would not load", async () => {
    await mkdir(join(dir, 'rules'));
    await writeFile(join(dir, 'rules', 'alerts.yml'), 'groups:\n  - name: team\n    rules:\n      - alert: OrdersStuck\n');
    const config = validConfig();
    config.monitoring.rulesDir = './rules';
    await writeConfig(dir, config);
    const { exitCode, stderr } = await firedrill(dir, 'run', 'redis-outage', '-o', join(dir, 'reports'));
    expect(exitCode).toBe(2);
    expect(stderr).toContain('firedrill: firedrill.config.ts: monitoring.rulesDir: Prometheus would not load these rules');
    expect(stderr).toContain('rules/alerts.yml:4: group "team", rule 1 (alert OrdersStuck) has no `expr`');
  });

  it("list shows the system's services and links, and which config it read", async () => {
    const file = await writeConfig(dir, validConfig());
    const { exitCode, stdout } = await firedrill(dir, 'list');
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^System: test-system \(firedrill\.config\.ts, sha256 [0-9a-f]{12}…; found in the working directory\)$/);
    expect(lines.slice(1, 5)).toEqual([
      '  datastores  postgres 15, redis 7',
      '  services    api (API_PORT), quotes (QUOTES_PORT)',
      '  links       api-postgres  api → postgres  (DB_PORT)',
      '              api-quotes    api → quotes    (QUOTES_URL)',
    ]);
    expect(stdout).toContain('Scenarios:\n  redis-outage');
    const named = await firedrill(repoRoot, 'list', '--config', file);
    expect(named.stdout.split('\n')[0]).toContain(`(${file}, sha256`);
    expect(named.stdout.split('\n')[0]).toContain('named by --config');
  });
});
