// node bench/lint-runbook.ts — the runbook linter, ShellCheck included:
//   the fixture runbook, by `firedrill lint-runbook` as a user runs it (a fresh process, median of 3) and in
//   process (median of 5 after a warm-up): goal < 2 s each;
//   a generated runbook of 5 MB with 2,000 bash steps (the fixture's blocks, as large a share of it as of the
//   fixture, about 1 KB a step; prose around them), linted once in process: goal < 30 s, and the peak memory of the linter and of its
//   ShellCheck processes together: goal ≤ 1 GiB.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../src/repo-root.ts';
import { lintRunbook } from '../src/runbook/lint/lint.ts';
import { parseRunbook, readRunbook } from '../src/runbook/parse.ts';
import type { Runbook } from '../src/runbook/runbook.ts';
import { stepVariableNames } from '../src/runtime/step-variable-names.ts';
import { referenceTopology } from '../src/topology/topology.ts';

const fixture = join(repoRoot, 'fixtures', 'runbook', 'RUNBOOK.md');
const goals = { fixtureMs: 2_000, largeMs: 30_000, peakMiB: 1024 };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * `count` sections filling `bytes`: a heading, prose, and one bash step made of whole fixture blocks, taking
 * the fixture's share of shell (`shellShare` of its text), each step opening with its own comment, so no two are equal.
 */
function generatedRunbook(blocks: readonly string[], shellShare: number, count = 2_000, bytes = 5 * 1024 * 1024): string {
  const sections: string[] = [];
  const perSection = Math.floor(bytes / count);
  const prose = 'The on-call engineer reads this before acting: what the command does, what it must show, whom to call. ';
  for (let i = 0, next = 0; i < count; i++) {
    const code = [`# step ${i}`];
    // Another block while it brings the step nearer its share of the section.
    const fits = () => code.join('\n').length + blocks[next % blocks.length]!.length / 2 <= perSection * shellShare;
    do code.push(blocks[next++ % blocks.length]!.trimEnd());
    while (fits());
    const fill = Math.max(0, perSection - code.join('\n').length - 60);
    const text = prose.repeat(Math.ceil(fill / prose.length)).slice(0, fill);
    sections.push(`## Section ${i}\n\n${text}\n\n\`\`\`bash {id=step.s${i} timeout=30s}\n${code.join('\n')}\n\`\`\`\n`);
  }
  return `# Generated runbook\n\n**Version**: 1.0.0 · **Matches commit**: 0000000\n\n${sections.join('\n')}`;
}

const shellBytes = (runbook: Runbook) => runbook.blocks.reduce((sum, block) => sum + block.code.length, 0);

/** Peak RSS of this process and of each ShellCheck it starts (sampled every 20 ms from /proc), in MiB. */
function watchShellcheckMemory(): { stop(): { nodeMiB: number; shellcheckMiB: number; processes: number } } {
  const peaks = new Map<number, number>();
  const kib = (pid: number, field: string) => {
    try {
      return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0; // it ended between listing and reading
    }
  };
  const sample = () => {
    let children = '';
    try {
      children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8');
    } catch {}
    for (const pid of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('shellcheck')) continue;
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kib(pid, 'VmHWM')));
    }
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      const total = [...peaks.values()].reduce((sum, value) => sum + value, 0);
      return { nodeMiB: process.resourceUsage().maxRSS / 1024, shellcheckMiB: total / 1024, processes: peaks.size };
    },
  };
}

console.log(`runbook linter with ShellCheck, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);

const cliMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const { exitCode } = await execa(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), 'lint-runbook'], {
    cwd: repoRoot,
    reject: false,
  });
  cliMs.push(performance.now() - started);
  if (exitCode !== 0) throw new Error(`firedrill lint-runbook exited ${exitCode} on the fixture runbook`);
}
console.log(
  `  fixture, firedrill lint-runbook (fresh process)  ${Math.round(median(cliMs))} ms  ${verdict(median(cliMs) < goals.fixtureMs)}`,
);

const stepVariables = stepVariableNames(await referenceTopology());
const runbook = await readRunbook(fixture);
await lintRunbook(runbook, { stepVariables });
const inProcessMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const findings = await lintRunbook(await readRunbook(fixture), { stepVariables });
  inProcessMs.push(performance.now() - started);
  if (findings.length > 0) throw new Error(`the fixture runbook has ${findings.length} findings; expected none`);
}
console.log(
  `  fixture, read + lint in process                  ${Math.round(median(inProcessMs))} ms  ${verdict(median(inProcessMs) < goals.fixtureMs)}`,
);

const fixtureShare = shellBytes(runbook) / runbook.lines.join('\n').length;
const text = generatedRunbook(
  runbook.blocks.map((block) => block.code),
  fixtureShare,
);
const memory = watchShellcheckMemory();
const started = performance.now();
const large = parseRunbook(text, 'generated.md');
const parsedMs = performance.now() - started;
const findings = await lintRunbook(large, { stepVariables });
const largeMs = performance.now() - started;
const peak = memory.stop();
const mib = (text.length / 1024 / 1024).toFixed(1);
console.log(
  `  generated, ${mib} MiB, ${large.blocks.length} blocks           ${Math.round(largeMs)} ms  ${verdict(largeMs < goals.largeMs)}  (parse ${Math.round(parsedMs)} ms; ${findings.length} findings; ${pct(shellBytes(large) / text.length)} shell, the fixture ${pct(fixtureShare)})`,
);
const peakMiB = peak.nodeMiB + peak.shellcheckMiB;
console.log(
  `  peak RSS: linter ${peak.nodeMiB.toFixed(0)} MiB + ${peak.processes} ShellCheck ${peak.shellcheckMiB.toFixed(0)} MiB = ${peakMiB.toFixed(0)} MiB  ${verdict(peakMiB <= goals.peakMiB)}`,
);
