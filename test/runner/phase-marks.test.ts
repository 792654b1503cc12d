import { describe, expect, it } from 'vitest';
import { inPhase } from '../../src/runner/phase-marks.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import { fakeClock } from '../support/fake-clock.ts';

describe('inPhase: a phase between its marks on the timeline', () => {
  it('marks the start and the end around what the phase records, with the failures it added and its answer', async () => {
    const clock = fakeClock();
    const timeline = createTimeline(clock);
    const failures = ['from an earlier phase'];
    const answer = await inPhase(timeline, 'restore', failures, async () => {
      clock.advance(1_500);
      timeline.record('step.finished', { stepId: 'redis.restart' });
      failures.push('redis.restart exited 1');
      return 42;
    });
    expect(answer).toBe(42);
    expect(timeline.events.map((e) => [e.t, e.kind, e.detail])).toEqual([
      [0, 'phase.started', { phase: 'restore' }],
      [1_500, 'step.finished', { stepId: 'redis.restart' }],
      [1_500, 'phase.finished', { phase: 'restore', failures: ['redis.restart exited 1'] }],
    ]);
  });

  it('ends a phase that added no failure with the phase alone', async () => {
    const timeline = createTimeline(fakeClock());
    await inPhase(timeline, 'detect', [], async () => undefined);
    expect(timeline.events.at(-1)?.detail).toEqual({ phase: 'detect' });
  });

  it('ends a phase that threw with its error, and throws it on', async () => {
    const timeline = createTimeline(fakeClock());
    const failures: string[] = [];
    const thrown = inPhase(timeline, 'inject', failures, async () => {
      failures.push('half injected');
      throw new Error('proxy gone');
    });
    await expect(thrown).rejects.toThrow('proxy gone');
    expect(timeline.events.map((e) => e.detail)).toEqual([
      { phase: 'inject' },
      { phase: 'inject', failures: ['half injected'], error: 'proxy gone' },
    ]);
  });
});
