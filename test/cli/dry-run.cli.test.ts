import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// `firedrill run --dry-run` as a user runs it. Each run gets its own TMPDIR, under which every local environment's
// sandbox would be made (src/host/sandbox.ts): its absence afterwards, the report dir's, and no process naming the
// test's dir show that nothing was started.
let dir: string;
beforeAll(async () => {
  dir = await testTempDir('dry-run');
});

async function dryRun(name: string, ...args: string[]) {
  const tmp = join(dir, name, 'tmp');
  await mkdir(tmp, { recursive: true });
  const reports = join(dir, name, 'reports');
  const result = await execa(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), 'run', '--dry-run', '-o', reports, ...args], {
    cwd: repoRoot,
    reject: false,
    timeout: 60_000,
    // Node's compile cache stays where it was (it is under the OS temp dir): without it each run compiles everything again.
    env: { TMPDIR: tmp, NODE_COMPILE_CACHE: join(tmpdir(), 'node-compile-cache'), GITHUB_STEP_SUMMARY: '' },
  });
  return { ...result, tmp, reports };
}

/** Nothing of an environment was made: no sandbox root, no report dir, no process naming the test's dir. */
async function expectNothingStarted(run: { tmp: string; reports: string }) {
  await expect(access(join(run.tmp, 'firedrill'))).rejects.toThrow(/ENOENT/);
  await expect(access(run.reports)).rejects.toThrow(/ENOENT/);
  const { stdout: processes } = await execa('ps', ['-eo', 'args']);
  expect(processes.split('\n').filter((args) => args.includes(run.tmp))).toEqual([]);
}

describe('firedrill run --dry-run', () => {
  it("prints every scenario's plan on the fixture config and exits 0, starting nothing", async () => {
    const run = await dryRun('all');
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const { stdout: listed } = await execa(process.execPath, ['src/cli/main.ts', 'list'], { cwd: repoRoot });
    const scenarios = listed.slice(listed.indexOf('Scenarios:'), listed.indexOf('Suites:'));
    const ids = [...scenarios.matchAll(/^ {2}([a-z0-9-]+) +\S/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(run.stdout).toMatch(new RegExp(`^${id}: `, 'm'));
    expect(run.stdout).toContain(`The plan resolves: ${ids.length} scenario(s); nothing was started.`);
    // A remediation step: its field, runbook id, the runbook line it comes from, what it may touch, the command, the postcondition.
    const runbook = await readFile(join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'), 'utf8');
    const line = runbook.split('\n').findIndex((l) => l.startsWith('```bash {id=redis.restart ')) + 1;
    expect(run.stdout).toContain(
      `    remediation[0] redis.restart (fixtures/runbook/RUNBOOK.md:${line}, timeout 20000 ms); may touch: redis\n      $ redis-server "$REDIS_CONF"\n`,
    );
    expect(run.stdout).toMatch(/ {6}then within 5000 ms: redis answers PING/);
    expect(run.stdout).toMatch(/ {4}alert fires: RedisDown within 15000 ms \(fixtures\/prometheus\/ats-alerts\.yml:\d+, for 10 s\)/);
    await expectNothingStarted(run);
  });

  it('a scenario naming a step the runbook lacks: exit 2, naming the scenario, the field and the step, nothing started', async () => {
    const text = (await readFile(join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md'), 'utf8')).replaceAll(
      '{id=redis.restart',
      '{id=redis.restart-now',
    );
    await mkdir(join(dir, 'no-step'), { recursive: true });
    await writeFile(join(dir, 'no-step', 'RUNBOOK.md'), text);
    const run = await dryRun('no-step', 'redis-outage', 'redis-latency', '--runbook', join(dir, 'no-step', 'RUNBOOK.md'));
    expect(run.exitCode).toBe(2);
    const problems = run.stderr.split('\n');
    expect(problems[0]).toBe('firedrill: the plan does not resolve (1 problem); nothing was started:');
    expect(problems[1]).toMatch(
      /^ {2}redis-outage: remediation\[0\]: step "redis\.restart" not found; known ids: .*redis\.restart-now.* \(runbook .*RUNBOOK\.md\)$/,
    );
    expect(run.stdout).toContain(
      '    remediation[0] redis.restart (unresolved); may touch: redis\n      $ (no command: see the problems below)\n',
    );
    await expectNothingStarted(run);
  });

  it('an alert rule missing, and one whose `for` is longer than the scenario waits: exit 2, each named', async () => {
    const rules = join(dir, 'rules');
    await mkdir(rules, { recursive: true });
    const text = await readFile(join(repoRoot, 'fixtures', 'prometheus', 'ats-alerts.yml'), 'utf8');
    const broken = text
      .replace('alert: GatewayNotReady', 'alert: GatewayUnready')
      .replace(/(alert: RedisDown\n(?: +#.*\n)* +expr: .*\n +for: )10s/, '$120s');
    expect(broken).toContain('for: 20s');
    await writeFile(join(rules, 'ats-alerts.yml'), broken);
    const run = await dryRun('alerts', 'redis-outage', '--alert-rules', rules, '--json');
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n').slice(1)).toEqual([
      expect.stringMatching(
        /^ {2}redis-outage: alerts\.fire\[0\] expects RedisDown firing within 15000 ms, but its rule \(.*ats-alerts\.yml:\d+\) holds for 20 s before firing: it cannot fire in time; /,
      ),
      expect.stringMatching(
        /^ {2}redis-outage: alerts\.fire\[1\] names alert "GatewayNotReady", which no rule in .*rules defines; the rules define: .*GatewayUnready/,
      ),
    ]);
    // --json: the plan and the same problems as data.
    const plan = JSON.parse(run.stdout);
    expect(plan.problems.map((p: string) => `  ${p}`)).toEqual(run.stderr.split('\n').slice(1));
    expect(plan.scenarios[0].alerts.fire.map((a: { alert: string; rule?: string }) => [a.alert, a.rule !== undefined])).toEqual([
      ['RedisDown', true],
      ['GatewayNotReady', false],
    ]);
    expect(plan.scenarios[0].remediation[0]).toMatchObject({
      field: 'remediation[0]',
      id: 'redis.restart',
      touches: { services: ['redis'] },
    });
    await expectNothingStarted(run);
  });

  it('--load-multiplier: the plan shows the stressed rate; a value out of range is exit 2 naming the option, nothing started', async () => {
    const stressed = await dryRun('stressed', 'redis-outage', 'stress-doubled-flow', '--load-multiplier', '2.5');
    expect(stressed.exitCode).toBe(0);
    expect(stressed.stdout).toContain('  workload: 50 orders/s (2.5 × the peak)');
    expect(stressed.stdout).toContain('  workload: 75 orders/s (2.5 × the peak)');
    const refused = await dryRun('refused', 'redis-outage', '--load-multiplier', '50');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--load-multiplier 50: expected .* a number from 1 to 20/);
    await expectNothingStarted(refused);
  });
});
