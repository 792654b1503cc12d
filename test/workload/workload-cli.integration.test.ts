import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import reference from '../../fixtures/ats/firedrill.config.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { tempDir, writeConfig } from '../config/config-files.ts';

// `firedrill run` with the reference system's config but a broken workload
// module: exit 2, the module named, no environment provisioned. An
// integration test only because a config other than the reference's has its
// rules checked with promtool.
let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The reference config, its paths made absolute, with `workload` in the test's directory. */
function referenceWith(workload: string): object {
  const ats = join(repoRoot, 'fixtures', 'ats');
  const { datastores } = reference;
  return {
    ...reference,
    datastores: { ...datastores, postgres: { ...datastores?.postgres, migrations: join(ats, 'migrations') } },
    monitoring: { ...reference.monitoring, rulesDir: join(repoRoot, 'fixtures', 'prometheus') },
    runbook: join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'),
    stepPaths: { ATS_OPS_DIR: join(ats, 'ops') },
    workload,
  };
}

describe('firedrill run with a broken workload module', () => {
  it('exits 2 naming the config, its workload field and the module, and provisions nothing', async () => {
    await writeFile(join(dir, 'orders.ts'), 'export const place = async () => ({ outcome: "refused" });\n');
    const config = await writeConfig(dir, referenceWith('./orders.ts'));
    const { exitCode, stdout, stderr } = await execa(
      process.execPath,
      [join(repoRoot, 'src', 'cli', 'main.ts'), 'run', 'redis-outage', '--config', config, '-o', join(dir, 'reports')],
      { cwd: dir, reject: false },
    );
    expect(exitCode, stderr).toBe(2);
    expect(stderr).toBe(
      'firedrill: config firedrill.config.ts has 1 problem; nothing was started:\n' +
        '  firedrill.config.ts: workload: orders.ts: expected a module whose default export is a function (context) => WorkloadAdapter; ' +
        'it has no default export (it exports place)',
    );
    expect(stdout).not.toMatch(/provisioned/);
  });
});
