// One toxic on one link (ToxicStage), on a stand-in link: whether it applies,
// how its waits end, what close/reset/passEnd/restart/remove do.
import { describe, expect, it } from 'vitest';
import type { Random } from '../../src/proxy/random.ts';
import { parseNewToxic, type ToxicConfig } from '../../src/proxy/toxic-config.ts';
import { type StageHost, ToxicStage } from '../../src/proxy/toxic-stage.ts';
import type { ToxicKind } from '../../src/proxy/toxics/toxic.ts';

const fixed = (value: number): Random => ({ next: () => value });

function host(options: { toxicity?: number; closing?: boolean } = {}) {
  const log: string[] = [];
  const link: StageHost & { closing: boolean; log: string[] } = {
    closing: options.closing ?? false,
    random: fixed(0.25),
    toxicityRandom: fixed(options.toxicity ?? 0),
    emitFrom: async () => {
      log.push('emit');
    },
    closeFrom: () => log.push('closeFrom'),
    reset: () => log.push('reset'),
    log,
  };
  return link;
}

/** A toxic of its own kind, counting activations and stops, and ending after `endMs`. */
function counting(toxicity = 1) {
  const counts = { activated: 0, stopped: 0, ended: 0 };
  const kind: ToxicKind = {
    type: 'counting',
    attributes: {},
    pipe: async () => {},
    activate: () => {
      counts.activated++;
      return () => {
        counts.stopped++;
      };
    },
    end: async (run) => {
      counts.ended++;
      await run.sleep(20);
    },
  };
  const config: ToxicConfig = { ...parseNewToxic({ type: 'latency', toxicity }), kind };
  return { config, counts };
}

const settledWithin = async <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);

describe('ToxicStage', () => {
  it('applies when the toxicity draw is below the toxicity: never at 0, always at 1', () => {
    expect(new ToxicStage(parseNewToxic({ type: 'latency', toxicity: 0 }), host({ toxicity: 0 })).applies).toBe(false);
    expect(new ToxicStage(parseNewToxic({ type: 'latency', toxicity: 1 }), host({ toxicity: 0.9999 })).applies).toBe(true);
    expect(new ToxicStage(parseNewToxic({ type: 'latency', toxicity: 0.5 }), host({ toxicity: 0.5 })).applies).toBe(false);
    expect(new ToxicStage(parseNewToxic({ type: 'latency', toxicity: 0.5 }), host({ toxicity: 0.49 })).applies).toBe(true);
  });

  it('starts a toxic that applies, and passes its randomness and emits through the link', async () => {
    const { config, counts } = counting();
    const link = host();
    const stage = new ToxicStage(config, link);
    expect(counts.activated).toBe(1);
    expect(stage.random()).toBe(0.25);
    await stage.emit({ data: Buffer.from('x'), t: 0 });
    expect(link.log).toEqual(['emit']);
  });

  it('waits the time asked, and not at all once it does not apply, is removed, or its link closes', async () => {
    const stage = new ToxicStage(parseNewToxic({ type: 'latency' }), host());
    expect(await stage.sleep(10)).toBe(true);
    expect(await new ToxicStage(parseNewToxic({ type: 'latency', toxicity: 0 }), host()).sleep(10_000)).toBe(false);
    expect(await new ToxicStage(parseNewToxic({ type: 'latency' }), host({ closing: true })).sleep(10_000)).toBe(false);
    stage.remove();
    expect(await stage.sleep(10_000)).toBe(false);
  });

  it('cuts a wait short when interrupted, restarted or removed', async () => {
    for (const end of ['interrupt', 'restart', 'remove'] as const) {
      const stage = new ToxicStage(parseNewToxic({ type: 'latency' }), host());
      const wait = stage.sleep(10_000);
      const other = stage.interrupted();
      stage[end]();
      expect(await settledWithin(wait, 1000), end).toBe(false);
      expect(await settledWithin(other, 1000), end).toBeUndefined();
    }
  });

  it('waits no longer than the longest timer, instead of not at all', async () => {
    const stage = new ToxicStage(parseNewToxic({ type: 'latency' }), host());
    const wait = stage.sleep(2 ** 31 + 5);
    expect(await settledWithin(wait, 50)).toBe('pending');
    stage.interrupt();
    expect(await wait).toBe(false);
  });

  it('closes or resets the link only while it applies', () => {
    const link = host();
    const stage = new ToxicStage(parseNewToxic({ type: 'latency' }), link);
    stage.close();
    stage.reset();
    stage.remove();
    stage.close();
    stage.reset();
    expect(link.log).toEqual(['closeFrom', 'reset']);
  });

  it('restarting stops the toxic and starts it again, rolling again; removing stops it for good', () => {
    const { config, counts } = counting();
    const stage = new ToxicStage(config, host());
    stage.restart();
    expect(counts).toMatchObject({ activated: 2, stopped: 1 });
    stage.remove();
    expect(counts).toMatchObject({ activated: 2, stopped: 2 });
    expect(stage.active).toBe(false);
  });

  it('lets the toxic hold the end back, even while its link closes, unless it does not apply or was removed', async () => {
    const closing = host({ closing: true });
    const { config, counts } = counting();
    const stage = new ToxicStage(config, closing);
    const started = performance.now();
    await stage.passEnd();
    expect(counts.ended).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    stage.remove();
    await stage.passEnd();
    const idle = counting(0);
    await new ToxicStage(idle.config, host()).passEnd();
    expect([counts.ended, idle.counts.ended]).toEqual([1, 0]);
    await new ToxicStage(parseNewToxic({ type: 'latency' }), host()).passEnd(); // a toxic without end: nothing to hold
  });
});
