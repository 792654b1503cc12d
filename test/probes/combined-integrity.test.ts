import { describe, expect, it } from 'vitest';
import { combinedIntegrity } from '../../src/probes/combined-integrity.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';

describe('combinedIntegrity', () => {
  it('runs every check side by side on the same context, sums losses and duplicates, and keeps each detail', async () => {
    const context = { signal: new AbortController().signal } as ProbeContext;
    const seen: ProbeContext[] = [];
    const started: number[] = [];
    const check = (lost: number, duplicated: number, detail: string) => async (c: ProbeContext) => {
      seen.push(c);
      started.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { lost, duplicated, detail };
    };
    const found = await combinedIntegrity(
      check(0, 1, '120 orders acknowledged: 0 missing'),
      check(2, 0, '300 log lines written: 2 not stored'),
    )(context);
    expect(found).toEqual({ lost: 2, duplicated: 1, detail: '120 orders acknowledged: 0 missing; 300 log lines written: 2 not stored' });
    expect(seen).toEqual([context, context]);
    expect(Math.abs(started[1]! - started[0]!)).toBeLessThan(50); // not one drain after the other
  });

  it('fails when one check fails (a check that cannot look is not "nothing lost")', async () => {
    const fine = async () => ({ lost: 0, duplicated: 0, detail: 'fine' });
    const broken = async () => {
      throw new Error('log sink http://127.0.0.1:1/firedrill/entries answered 503');
    };
    await expect(combinedIntegrity(fine, broken)({} as ProbeContext)).rejects.toThrow(/answered 503/);
  });
});
