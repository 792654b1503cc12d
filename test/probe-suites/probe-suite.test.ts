import { describe, expect, it } from 'vitest';
import { defineProbeSuite, runProbeSuite, suiteReportLines } from '../../src/probe-suites/probe-suite.ts';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';

const context = { signal: new AbortController().signal } as ProbeContext;
const seen: string[] = [];
function part(name: string, ok: boolean | 'throws'): { name: string; probe: Probe } {
  return {
    name,
    probe: {
      name: `${name} holds`,
      async observe() {
        seen.push(name);
        if (ok === 'throws') throw new Error(`${name} could not look: connection refused`);
        return { ok, detail: `${name} saw ${ok ? 'it' : 'nothing'}` };
      },
    },
  };
}

describe('runProbeSuite', () => {
  it('passes when every part passes, reporting each by name with what it saw, in order', async () => {
    seen.length = 0;
    const report = await runProbeSuite(defineProbeSuite('post-rollback-smoke', [part('a', true), part('b', true)]), context);
    expect(seen).toEqual(['a', 'b']);
    expect(report).toMatchObject({
      suite: 'post-rollback-smoke',
      ok: true,
      parts: [
        { name: 'a', checks: 'a holds', ok: true, detail: 'a saw it' },
        { name: 'b', checks: 'b holds', ok: true, detail: 'b saw it' },
      ],
    });
    expect(report.failure).toBeUndefined();
    expect(suiteReportLines(report).at(-1)).toBe('probe suite "post-rollback-smoke" passed');
  });

  it('runs every part, and fails naming the first that failed and what it saw', async () => {
    seen.length = 0;
    const report = await runProbeSuite(
      defineProbeSuite('post-rollback-smoke', [part('a', true), part('b', false), part('c', false)]),
      context,
    );
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(report.ok).toBe(false);
    expect(report.failure).toBe('probe suite "post-rollback-smoke" failed at part "b": b saw nothing');
    expect(suiteReportLines(report)).toEqual([
      expect.stringMatching(/^ok {3}a \(\d+ ms\): a saw it$/),
      expect.stringMatching(/^FAIL b \(\d+ ms\): b saw nothing$/),
      expect.stringMatching(/^FAIL c \(\d+ ms\): c saw nothing$/),
      'probe suite "post-rollback-smoke" failed at part "b": b saw nothing',
    ]);
  });

  it('counts a part that throws as failed, its error as what it saw', async () => {
    const report = await runProbeSuite(defineProbeSuite('post-rollback-smoke', [part('a', 'throws'), part('b', true)]), context);
    expect(report.failure).toBe('probe suite "post-rollback-smoke" failed at part "a": a could not look: connection refused');
    expect(report.parts[1]).toMatchObject({ name: 'b', ok: true });
  });

  it('reports the parts left as not run once its signal is aborted', async () => {
    const stopping = new AbortController();
    const stopper = {
      name: 'stops',
      probe: {
        name: 'x',
        async observe() {
          stopping.abort(new Error('deadline'));
          return { ok: true, detail: 'done' };
        },
      },
    };
    const report = await runProbeSuite(defineProbeSuite('post-rollback-smoke', [stopper, part('b', true)]), {
      ...context,
      signal: stopping.signal,
    });
    expect(report.parts[1]).toMatchObject({ name: 'b', ok: false, detail: 'not run: the suite was stopped (deadline)' });
    expect(report.failure).toBe('probe suite "post-rollback-smoke" failed at part "b": not run: the suite was stopped (deadline)');
  });

  it('declares what its parts use', () => {
    const uses = (services: string[]): Probe => ({ name: 'x', uses: { services }, observe: async () => ({ ok: true, detail: '' }) });
    const suite = defineProbeSuite('post-rollback-smoke', [
      { name: 'a', probe: uses(['order-gateway']) },
      { name: 'b', probe: uses(['order-gateway', 'log-sink']) },
    ]);
    expect(suite.uses).toEqual({ services: ['order-gateway', 'log-sink'] });
  });
});
