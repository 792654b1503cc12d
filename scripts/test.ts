/**
 * `npm test`: the vitest projects (vitest.config.ts) in three stages, each stage's runs side by side:
 *
 *   1. gate, unit, cli, then timed           one vitest run (its groups keep the order)
 *   2. integration                           one file at a time, measuring time…
 *      integration-shared, beside it          …while the files that measure none run at nice 10 in the CPU it leaves
 *   3. reaping, then scenarios               one vitest run
 *
 * Why stage 2 runs two vitest processes: vitest runs projects side by side only when they have the same maxWorkers,
 * and integration's files must run one at a time. Alone, the integration files left 45 % of the two cores idle
 * (306 s, 278 idle CPU-seconds of 612, measured with /proc/stat); integration-shared took 174 s after them.
 * The reaping files, which plant orphans and expect to reap them, run after stage 2: a provision of another
 * process reaps what it finds at its start.
 *
 * The integration run's output streams as it comes; the one beside it prints a line per file as each ends, and its
 * whole output at the end when it failed. Every run goes on even when one fails; the exit code is 1 when any did.
 * FIREDRILL_JUNIT=<file>.xml gives each run its own file: <file>.1.xml, <file>.2.xml, …
 * `node scripts/test.ts --stage 2` runs one stage only.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

interface VitestRun {
  readonly projects: readonly string[];
  /** Runs at this nice value, its output kept aside (one line a file shown live). */
  readonly beside?: { readonly nice: number };
}

const stages: readonly (readonly VitestRun[])[] = [
  [{ projects: ['unit', 'cli', 'timed', 'gate'] }],
  [{ projects: ['integration'] }, { projects: ['integration-shared'], beside: { nice: 10 } }],
  [{ projects: ['reaping', 'scenarios'] }],
];

const stageArg = process.argv.indexOf('--stage');
const only = stageArg === -1 ? undefined : Number(process.argv[stageArg + 1]);
if (only !== undefined && !(Number.isInteger(only) && only >= 1 && only <= stages.length)) {
  console.error(`scripts/test.ts: --stage takes 1 to ${stages.length}, not "${process.argv[stageArg + 1] ?? ''}"`);
  process.exit(2);
}

const started = performance.now();
const seconds = (since: number) => Math.round((performance.now() - since) / 1000);
const logDir = await mkdtemp(join(tmpdir(), 'firedrill-npm-test-'));
const running = new Set<ResultPromise>();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of running) child.kill(signal);
  });

let runNumber = 0;
const failed: string[] = [];
const timings: string[] = [];
for (const [index, stage] of stages.entries()) {
  if (only !== undefined && index + 1 !== only) continue;
  const stageStarted = performance.now();
  const results = await Promise.all(stage.map((run) => runVitest(run, ++runNumber)));
  const names = stage.map(
    (run, i) => `${run.projects.join(' + ')} ${results[i]!.seconds} s${run.beside ? ` (beside, nice ${run.beside.nice})` : ''}`,
  );
  timings.push(`stage ${index + 1}, ${seconds(stageStarted)} s: ${names.join('; ')}`);
  stage.forEach((run, i) => {
    if (!results[i]!.passed) failed.push(run.projects.join(' + '));
  });
}

console.log(`\nnpm test: ${seconds(started)} s in all`);
for (const line of timings) console.log(`  ${line}`);
if (failed.length > 0) console.log(`failed: ${failed.join('; ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;

async function runVitest(run: VitestRun, number: number): Promise<{ passed: boolean; seconds: number }> {
  const runStarted = performance.now();
  const args = ['vitest', 'run', ...run.projects.flatMap((project) => ['--project', project])];
  const junit = process.env.FIREDRILL_JUNIT;
  const env = junit ? { FIREDRILL_JUNIT: junit.replace(/(\.xml)?$/, `.${number}.xml`) } : {};
  if (!run.beside) {
    const child = execa('npx', args, { stdio: 'inherit', reject: false, env });
    running.add(child);
    const { exitCode } = await child;
    running.delete(child);
    return { passed: exitCode === 0, seconds: seconds(runStarted) };
  }
  const label = run.projects.join(' + ');
  const logFile = join(logDir, `${number}-${run.projects.join('-')}.log`);
  console.log(`[${label}] runs beside, at nice ${run.beside.nice}; a line per file here, its whole output in ${logFile}`);
  const child = execa('nice', ['-n', String(run.beside.nice), 'npx', ...args], { reject: false, env, all: true, buffer: false });
  running.add(child);
  const log = createWriteStream(logFile);
  let partial = '';
  child.all?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (/^ [✓❯×↓] /.test(stripColours(line))) console.log(`[${label}] ${line.trim()}`);
  });
  const { exitCode } = await child;
  running.delete(child);
  await new Promise((resolve) => log.end(resolve));
  const output = await readFile(logFile, 'utf8');
  if (exitCode !== 0) console.log(`\n[${label}] failed (exit ${exitCode}); its output:\n\n${output}`);
  else
    for (const line of output.split('\n').filter((l) => /^\s*(Test Files|Tests|Duration)\b/.test(stripColours(l))))
      console.log(`[${label}] ${line.trim()}`);
  return { passed: exitCode === 0, seconds: seconds(runStarted) };
}

function stripColours(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: vitest's colour codes start with ESC
  return line.replace(/\x1b\[[0-9;]*m/g, '');
}
