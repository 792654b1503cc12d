import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameDayFiles, type GameDayFiles } from '../../src/gameday/game-day-files.ts';
import type { OperatorShell } from '../../src/gameday/operator-shell.ts';
import { leftGraceMs, watchOperator } from '../../src/gameday/watch-operator.ts';
import type { Probe } from '../../src/probes/probe.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import { fakeClock } from '../support/fake-clock.ts';

// The watcher on a clock that moves only by its sleeps (each after the event loop turned), a probe that holds from a
// given time, and a stand-in shell: when the clock stops, and when it does not.
let dir: string;
let files: GameDayFiles;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-watch-'));
  files = await createGameDayFiles(dir, ['true']);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `leavesAt`: the operator exits the shell when the clock reaches it. */
function stand(heldFrom: number, options: { holdMs?: number; leavesAt?: number } = {}) {
  const base = fakeClock(0);
  const clock = {
    ...base,
    async sleep(ms: number, signal?: AbortSignal) {
      await nextTurn();
      signal?.throwIfAborted();
      base.advance(ms);
    },
  };
  let exit: (code: number) => void = () => {};
  const probe: Probe = {
    name: 'service answers',
    observe: async () => {
      if (clock.now() >= (options.leavesAt ?? Number.POSITIVE_INFINITY)) exit(0);
      return { ok: clock.now() >= heldFrom, detail: `at ${clock.now()}` };
    },
  };
  const exited = new Promise<number | null>((resolve) => {
    exit = resolve;
  });
  let exitedAt: number | undefined;
  const shell: OperatorShell = { exited, exitedAtMs: () => exitedAt, end: async () => {} };
  void exited.then(() => {
    exitedAt = Date.now();
  });
  const run = {
    scenario: { recovery: [probe], hold: { recoveryMs: options.holdMs ?? 500 } },
    probes: { env: { variables: () => ({}) } },
    clock,
    timeline: createTimeline(clock),
    signal: new AbortController().signal,
  } as unknown as ScenarioRun;
  const watch = (deadline: number) =>
    watchOperator(run, { shell, files, faultAtMs: 0, pageAtMs: 0, limitAtMs: 60_000, deadline, redact: (t) => t });
  return { clock, run, watch };
}

describe('watching the operator', () => {
  it('stops the clock when the recovery probes hold (for the hold window), not before', async () => {
    const { watch } = stand(3_000);
    const outcome = await watch(60_000);
    expect(outcome.ended).toBe('recovered');
    expect(outcome.heldAt).toBeGreaterThanOrEqual(3_000);
    expect(outcome.heldAt).toBeLessThan(3_000 + 2_000);
    expect(await readFile(files.status, 'utf8')).toMatch(/^0\n60\nfiring: \(Prometheus not answering\) \| down: /);
  });

  it('ends at the time limit when they never hold, saying what they saw', async () => {
    const { watch, clock } = stand(Number.POSITIVE_INFINITY);
    const outcome = await watch(10_000);
    expect(outcome).toMatchObject({ ended: 'time-limit', unmet: [expect.stringMatching(/^service answers: at \d+$/)] });
    expect(clock.now()).toBeGreaterThanOrEqual(10_000);
  });

  it('gives an operator who leaves the shell a grace for the fix to show, then ends', async () => {
    const left = stand(Number.POSITIVE_INFINITY, { leavesAt: 4_000 });
    expect(await left.watch(600_000)).toMatchObject({ ended: 'operator-left' });
    // The grace: the hold window and leftGraceMs after the look that saw the shell gone; the bound allows the status
    // ticker's 1 s sleeps, which move the same clock.
    expect(left.clock.now()).toBeGreaterThanOrEqual(4_000 + 500 + leftGraceMs);
    expect(left.clock.now()).toBeLessThan(4_000 + 500 + leftGraceMs + 2_000);
    // A fix that shows within the grace counts.
    const fixed = stand(6_000, { leavesAt: 4_000 });
    expect(await fixed.watch(600_000)).toMatchObject({ ended: 'recovered', heldAt: expect.any(Number) });
  });
});
