import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/evidence/evidence.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { verifyBundle } from '../../src/evidence/verify-bundle.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { testTempDir } from '../support/temp-dirs.ts';

// `firedrill run --concurrency 3` against the same run one at a time, on the coin system's three scenarios whose
// verdict is known in advance (test/fixtures/coin-system): passed, failed, aborted. Two CLI runs, one after the other.
const ids = ['coin-mended', 'coin-left-broken', 'coin-never-steady'];
interface Run {
  exitCode?: number;
  stdout: string;
  stderr: string;
  evidence: Evidence;
  /** The run's report dir (its `latest`). */
  latest: string;
}
let oneAtATime: Run;
let threeAtOnce: Run;

async function run(dir: string, ...options: string[]): Promise<Run> {
  await mkdir(dir);
  const reports = join(dir, 'reports');
  const config = join(repoRoot, 'test', 'fixtures', 'coin-system', 'firedrill.config.ts');
  const result = await execa(
    process.execPath,
    [join(repoRoot, 'src', 'cli', 'main.ts'), 'run', ...ids, '--config', config, '-o', reports, '--no-history', ...options],
    { cwd: dir, reject: false, timeout: 150_000, env: { GITHUB_STEP_SUMMARY: '' } },
  );
  const evidence = JSON.parse(
    await readFile(join(reports, 'latest', 'evidence.json'), 'utf8').catch((error: Error) => {
      throw new Error(`${error.message}\n${result.stdout}\n${result.stderr}`);
    }),
  );
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, evidence, latest: join(reports, 'latest') };
}

/** When a scenario's timeline began and ended (wall clock, ms). */
const span = (scenario: Evidence['scenarios'][number]) => {
  const times = scenario.timeline.map((event) => Date.parse(event.at));
  return [Math.min(...times), Math.max(...times)] as const;
};
/**
 * The same from the start of its environment's provisioning (its `[id] provisioned in N ms` line): under load one
 * environment's provisioning can outlast another's whole scenario (coin-never-steady aborts after 4 s), so the
 * timelines alone need not overlap although the three ran side by side (seen once in CI).
 */
const spanFromProvisioning = (run: Run) => (scenario: Evidence['scenarios'][number]) => {
  const provisionMs = new RegExp(`\\[${scenario.id}\\] provisioned in (\\d+) ms`).exec(run.stdout)?.[1];
  if (provisionMs === undefined) throw new Error(`no "[${scenario.id}] provisioned in" line in:\n${run.stdout}`);
  const [from, to] = span(scenario);
  return [from - Number(provisionMs), to] as const;
};
const overlap = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] && b[0] < a[1];
const pairs = <T>(items: readonly T[]) => items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as const));
// What a run concluded, without its numbers (times and pids differ from run to run).
const verdicts = (run: Run) => run.evidence.scenarios.map((s) => [s.id, s.verdict, s.reasons.map((r) => r.replace(/\d+/g, 'N'))]);

beforeAll(async () => {
  const dir = await testTempDir('concurrency');
  oneAtATime = await run(join(dir, 'one'));
  threeAtOnce = await run(join(dir, 'three'), '--concurrency', '3');
}, 300_000);

describe('firedrill run --concurrency 3', () => {
  it('gives the verdicts, and the reasons, of the same run one at a time: passed, failed, aborted; exit 1', () => {
    expect(verdicts(oneAtATime).map(([id, verdict]) => [id, verdict])).toEqual([
      ['coin-mended', 'passed'],
      ['coin-left-broken', 'failed'],
      ['coin-never-steady', 'aborted'],
    ]);
    expect(verdicts(threeAtOnce)).toEqual(verdicts(oneAtATime));
    expect([oneAtATime.exitCode, threeAtOnce.exitCode]).toEqual([1, 1]);
    expect([oneAtATime.stderr, threeAtOnce.stderr]).toEqual(['', '']);
  });

  it('runs the three side by side, each on its own environment; one at a time, none overlaps', () => {
    const together = threeAtOnce.evidence.scenarios.map(spanFromProvisioning(threeAtOnce));
    expect(pairs(together).every(([a, b]) => overlap(a, b))).toBe(true);
    expect(pairs(oneAtATime.evidence.scenarios.map(span)).some(([a, b]) => overlap(a, b))).toBe(false);
    const environments = [oneAtATime, threeAtOnce].flatMap((run) => run.evidence.scenarios.map((s) => s.environment?.id));
    expect(new Set(environments).size).toBe(6);
  });

  it('records them in the order asked for, in one bundle that verifies', async () => {
    expect(evidenceProblems(threeAtOnce.evidence)).toEqual([]);
    expect(threeAtOnce.evidence.scenarios.map((s) => s.id)).toEqual(ids);
    const verification = await verifyBundle(threeAtOnce.latest);
    expect(verification.problems).toEqual([]);
  });

  it("prefixes each scenario's lines with its id, and prints the wall time against the longest scenario", () => {
    const lines = threeAtOnce.stdout.split('\n');
    const firstVerdict = lines.findIndex((line) => line.includes('verdict:'));
    expect(lines.slice(0, firstVerdict).filter((line) => /^\[\d\/3\] coin-/.test(line))).toHaveLength(3);
    for (const id of ids) expect(threeAtOnce.stdout).toMatch(new RegExp(`\\n {2}\\[${id}\\] provisioned in \\d+ ms\\n`));
    expect(threeAtOnce.stdout).toMatch(/\n {2}\[coin-left-broken\] \+\d+\.\ds {2}steady state NOT restored/);
    expect(threeAtOnce.stdout).toMatch(
      /\nwall: \S+ s for 3 scenario runs, 3 at a time; the longest, coin-[a-z-]+, \S+ s: the wall is \d\.\d\d× it\n/,
    );
    expect(oneAtATime.stdout).toMatch(
      /\nwall: \S+ s for 3 scenario runs, one at a time; the longest, coin-[a-z-]+, \S+ s: the wall is \d\.\d\d× it\n/,
    );
  });

  it('leaves no process and no sandbox of any of its environments', async () => {
    for (const scenario of [...oneAtATime.evidence.scenarios, ...threeAtOnce.evidence.scenarios]) {
      const { id, dir } = scenario.environment!;
      expect(await findTaggedProcesses({ id, dir })).toEqual([]);
      await expect(access(dir)).rejects.toThrow(/ENOENT/);
    }
  });
});
