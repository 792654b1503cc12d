// node bench/runbook-parse.ts — the runbook parser on about 10 MB of input, median of 3 runs each:
// a well-formed runbook (goal: well within 20 s; about 3 s on a 2-core machine) and four
// shapes that stress Markdown parsers (goal: each ends, in a parse or a RunbookError, within 20 s).
import { cpus, loadavg } from 'node:os';
import { parseRunbook } from '../src/runbook/parse.ts';
import { largeRunbook, pathologicalRunbooks } from '../test/support/large-runbooks.ts';

const goalMs = 20_000;
const runs = 3;

function medianMs(text: string): { ms: number; outcome: string } {
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    try {
      outcome = `${parseRunbook(text, 'bench.md').steps.length} steps`;
    } catch (error) {
      outcome = `error: ${(error as Error).message.split('\n')[0]?.slice(0, 80)}`;
    }
    times.push(performance.now() - started);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, outcome };
}

console.log(`runbook parser, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}; median of ${runs} runs, goal < ${goalMs} ms each`);
const inputs = [{ name: 'well-formed', text: largeRunbook().text }, ...pathologicalRunbooks()];
for (const { name, text } of inputs) {
  const { ms, outcome } = medianMs(text);
  const mib = (text.length / 1024 / 1024).toFixed(1);
  console.log(
    `  ${name.padEnd(28)} ${mib.padStart(5)} MiB  ${Math.round(ms).toString().padStart(6)} ms  ${ms < goalMs ? 'met' : 'MISSED'}  (${outcome})`,
  );
}
