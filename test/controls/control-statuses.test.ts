import { describe, expect, it } from 'vitest';
import { type ScenarioRecord, controlStatuses } from '../../src/controls/control-statuses.ts';
import type { Control, Controls } from '../../src/controls/controls.ts';

const control = (id: string, scenarios: string[]): Control => ({
  id,
  framework: 'test',
  reference: id,
  title: id,
  requires: 'something',
  scenarios,
});
const controls: Controls = {
  file: '/controls.yaml',
  controls: [
    control('both-passed', ['a', 'b']),
    control('one-failed', ['a', 'c']),
    control('unmapped', []),
    control('not-in-run', ['z']),
    control('errored-only', ['d', 'e']),
    control('passed-and-errored', ['a', 'd']),
  ],
};
const records: ScenarioRecord[] = [
  { id: 'a', verdict: 'passed' },
  { id: 'b', verdict: 'passed' },
  { id: 'c', verdict: 'failed', reason: 'recovered after 41000 ms, target 30000 ms' },
  { id: 'd', verdict: 'errored', reason: 'postgres did not start' },
  { id: 'e', verdict: 'skipped', reason: 'not on this runtime' },
];

describe('controlStatuses', () => {
  const byId = new Map(controlStatuses(controls, records).map((s) => [s.control.id, s]));

  it('evidenced when one of its scenarios passed and none failed', () => {
    expect(byId.get('both-passed')).toMatchObject({ status: 'evidenced', why: '2 of 2 scenario runs passed', notRun: [] });
    expect(byId.get('passed-and-errored')).toMatchObject({ status: 'evidenced', why: '1 of 2 scenario runs passed' });
  });

  it('failed when one failed, naming it, with the evidence and its reason', () => {
    const failed = byId.get('one-failed')!;
    expect(failed.status).toBe('failed');
    expect(failed.why).toBe('c failed');
    expect(failed.evidence).toEqual([
      { id: 'a', verdict: 'passed' },
      { id: 'c', verdict: 'failed', reason: 'recovered after 41000 ms, target 30000 ms' },
    ]);
  });

  it('not covered, saying why: nothing maps to it, its scenarios were not run, or ran without a verdict', () => {
    expect(byId.get('unmapped')).toMatchObject({ status: 'not covered', why: 'no scenario evidences it yet', evidence: [] });
    expect(byId.get('not-in-run')).toMatchObject({ status: 'not covered', why: 'none of its scenarios was in this run', notRun: ['z'] });
    expect(byId.get('errored-only')).toMatchObject({
      status: 'not covered',
      why: 'its scenarios ran without a verdict (1 errored, 1 skipped)',
    });
  });

  it('a scenario repeated in the run counts each run: one failed repetition fails the control', () => {
    const [status] = controlStatuses({ file: '/c.yaml', controls: [control('x', ['a'])] }, [
      { id: 'a', verdict: 'passed' },
      { id: 'a', verdict: 'failed', reason: 'r' },
    ]);
    expect(status).toMatchObject({ status: 'failed', why: 'a failed' });
    expect(status!.evidence).toHaveLength(2);
  });
});
