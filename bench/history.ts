// node bench/history.ts — `firedrill history` over 1,000 stored runs × every scenario of the catalogue, seeded into a
// temp file (test/support/seeded-history.ts, the path a real run appends by). Goal: under 200 ms, for
//   the command as a user runs it: `firedrill history --db FILE` (bin/firedrill.mjs) in a fresh process, wall and CPU
//   time (user + system of the child, from /proc: what other jobs' load does not inflate), median of 7 after a
//   warm-up; beside it, in the same rounds, a bare `node -e ''` (Node's own start at this moment), `history --help`
//   (start and module loading, no database) and `node src/cli/main.ts history` (no compile cache until main.ts runs,
//   so Node's type stripper is loaded: what the command cost before bin/firedrill.mjs);
//   and in process: open + read + trends, scores and findings + render, median of 7 after a warm-up.
// Exit 1 when the command's wall time or the in-process time misses the goal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarios } from '../scenarios/index.ts';
import { openHistory } from '../src/history/history-db.ts';
import { historyReport } from '../src/history/history-report.ts';
import { historyText } from '../src/history/history-text.ts';
import { readHistory } from '../src/history/read-history.ts';
import { repoRoot } from '../src/repo-root.ts';
import { seedHistory } from '../test/support/seeded-history.ts';
import { childrenCpuMs } from './children-cpu-ms.ts';

const runs = 1_000;
const last = 20;
const goalMs = 200;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-history-'));
try {
  const file = join(dir, 'history.sqlite');
  let started = performance.now();
  seedHistory(file, scenarios, runs);
  const seedMs = performance.now() - started;
  console.log(
    `firedrill history, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}: ${runs} runs × ${scenarios.length} scenarios ` +
      `seeded in ${Math.round(seedMs)} ms; goal < ${goalMs} ms`,
  );

  const inProcess = () => {
    const start = performance.now();
    using db = openHistory(file);
    const text = historyText(historyReport(file, readHistory(db, last), last));
    return { ms: performance.now() - start, lines: text.split('\n').length };
  };
  const first = inProcess();
  const times = Array.from({ length: 7 }, () => inProcess().ms);
  const inMs = median(times);
  console.log(
    `  in process (open, read, compute, render; ${first.lines} lines): median ${inMs.toFixed(1)} ms ` +
      `(first ${first.ms.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms)  ${inMs < goalMs ? 'met' : 'MISSED'}`,
  );

  if (inMs >= goalMs) process.exitCode = 1;

  // Round-robin, so the four figures share the machine's load of the moment.
  const commands = {
    bare: ['-e', ''],
    help: [join(repoRoot, 'bin', 'firedrill.mjs'), 'history', '--help'],
    history: [join(repoRoot, 'bin', 'firedrill.mjs'), 'history', '--db', file],
    mainTs: [join(repoRoot, 'src', 'cli', 'main.ts'), 'history', '--db', file],
  };
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, { wall: [] as number[], cpu: [] as number[] }]));
  for (let round = -1; round < 7; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const cpuBefore = childrenCpuMs();
      started = performance.now();
      execFileSync(process.execPath, args, { stdio: 'pipe' });
      if (round < 0) continue; // the warm-up: fills the compile cache if this checkout's files are not in it yet
      samples[name]!.wall.push(performance.now() - started);
      samples[name]!.cpu.push(childrenCpuMs() - cpuBefore);
    }
  }
  const figure = (name: string) => `${Math.round(median(samples[name]!.wall))} ms wall, ${Math.round(median(samples[name]!.cpu))} ms CPU`;
  const commandMs = median(samples.history!.wall);
  console.log(
    `  the command, \`firedrill history --db FILE\` in a fresh process (median of 7, load ${loadavg()[0]!.toFixed(1)}): ` +
      `${figure('history')}  ${commandMs < goalMs ? 'met' : 'MISSED'}`,
  );
  console.log(
    `    beside it: bare \`node -e ''\` ${figure('bare')} (the command less Node's own start: ` +
      `${Math.round(commandMs - median(samples.bare!.wall))} ms wall); \`firedrill history --help\` ${figure('help')}; ` +
      `\`node src/cli/main.ts history\` ${figure('mainTs')}`,
  );
  if (commandMs >= goalMs) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
