// node bench/report.ts — `firedrill report` on a 6-scenario run (goal: the HTML written in under 1 s).
// The run: test/fixtures/report-run's three real scenario records and a copy of each under another
// scenario's id, sealed as a run seals it (so the bundle check hashes and chains it). Two figures,
// median of 5 each: the whole command as a user runs it (a Node process: config, scenarios, controls,
// bundle check, page; bin/firedrill.mjs, as installed) in wall time and in CPU time (user + system, from /proc: what a loaded machine
// does not inflate), and the report alone in this process once its modules are loaded.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../src/cli/report-command.ts';
import { sealBundle } from '../src/evidence/seal-bundle.ts';
import { repoRoot } from '../src/repo-root.ts';
import { childrenCpuMs } from './children-cpu-ms.ts';

const goalMs = 1000;
const runs = 5;
const copies: Record<string, string> = {
  'redis-outage': 'redis-latency',
  'postgres-partition': 'pg-pool-exhaustion',
  'gateway-hung': 'crash-loop',
};

const runDir = await mkdtemp(join(tmpdir(), 'firedrill-bench-report-'));
try {
  const evidence = JSON.parse(await readFile(join(repoRoot, 'test', 'fixtures', 'report-run', 'evidence.json'), 'utf8'));
  evidence.scenarios = [...evidence.scenarios, ...evidence.scenarios.map((s: { id: string }) => ({ ...s, id: copies[s.id] }))];
  await writeFile(join(runDir, 'evidence.json'), `${JSON.stringify(evidence, null, 2)}\n`);
  await sealBundle(runDir, null);
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const timed = async (run: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const node = join(repoRoot, 'node_modules', '.bin', 'node');
  const cpu: number[] = [];
  const command = await timed(() => {
    const before = childrenCpuMs();
    execFileSync(node, [join(repoRoot, 'bin', 'firedrill.mjs'), 'report', runDir], { stdio: 'pipe' });
    cpu.push(childrenCpuMs() - before);
  });
  const quiet = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  await reportCommand(runDir, {});
  const inProcess = await timed(() => reportCommand(runDir, {}));
  process.stdout.write = quiet;
  const bytes = (await readFile(join(runDir, 'report.html'))).length;
  console.log(
    `firedrill report, 6 scenarios (${Math.round(bytes / 1024)} KiB of HTML), ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; median of ${runs}, goal < ${goalMs} ms`,
  );
  console.log(`  the command (a Node process)  ${Math.round(command).toString().padStart(5)} ms  ${command < goalMs ? 'met' : 'MISSED'}`);
  console.log(`  its CPU time (user + system)  ${Math.round(median(cpu)).toString().padStart(5)} ms`);
  console.log(
    `  the report in process         ${Math.round(inProcess).toString().padStart(5)} ms  ${inProcess < goalMs ? 'met' : 'MISSED'}`,
  );
  if (command >= goalMs) process.exitCode = 1;
} finally {
  await rm(runDir, { recursive: true, force: true });
}
