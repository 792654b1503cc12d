import { describe, it } from 'vitest';
import { everyBrokenRun, expectFailedNamingAStep, runBroken } from '../support/broken-remediation.ts';

// The drill: every scenario, its remediation replaced by a no-op and by a step
// that exits non-zero, must fail naming a runbook step (its exit, its unmet
// postcondition, or what a diagnostic step should have shown), never error.
// Two runs a scenario (18 today): `npm run drill:broken-remediation` (FIREDRILL_LANES side by
// side, default 3), the drill project, not part of `npm test`.
const lanes = Number(process.env.FIREDRILL_LANES ?? 3);

describe('every scenario with its remediation broken (npm run drill:broken-remediation)', () => {
  it(`fails, naming a runbook step, never errors (${everyBrokenRun.length} runs in ${lanes} lanes)`, { timeout: 900_000 }, async () => {
    const started = performance.now();
    const order: string[] = [];
    const results = await runBroken(everyBrokenRun, lanes, (line) => /^\[lane \d+\] \[\d+\//.test(line) && order.push(line));
    console.log(
      `${order.join('\n')}\n${everyBrokenRun.length} broken-remediation runs in ${Math.round((performance.now() - started) / 1000)} s`,
    );
    for (const [i, result] of results.entries()) expectFailedNamingAStep(everyBrokenRun[i]!, result, { soft: true });
  });
});
