// Durations longer than Node's longest timer (2^31−1 ms, about 24.8 days)
// fire after 1 ms: every duration attribute of every toxic refuses them
// (400 naming the attribute and the limit), and a wait that adds up to more
// (latency + jitter) waits the longest a timer can instead.
import { afterEach, describe, expect, test as plainTest, vi } from 'vitest';
import { createRandom } from '../../src/proxy/random.ts';
import { parseNewToxic } from '../../src/proxy/toxic-config.ts';
import { type StageHost, ToxicStage } from '../../src/proxy/toxic-stage.ts';
import { findToxicKind, toxicTypes } from '../../src/proxy/toxics/registry.ts';
import { attributeMaximum, maxTimerMs } from '../../src/proxy/toxics/toxic.ts';
import { test } from './support.ts';

const durations = toxicTypes().flatMap((type) =>
  Object.entries(findToxicKind(type)!.attributes)
    .filter(([, spec]) => spec.unit === 'ms' || spec.unit === 'µs')
    .map(([attribute, spec]) => ({ type, attribute, unit: spec.unit, maximum: attributeMaximum[spec.unit] })),
);

describe('duration attributes', () => {
  plainTest('every toxic with a wait has its durations listed here', () => {
    expect(durations.map((d) => `${d.type}.${d.attribute}`).sort()).toEqual([
      'drop.timeout',
      'latency.jitter',
      'latency.latency',
      'reset_peer.timeout',
      'slicer.delay',
      'slow_close.delay',
      'timeout.timeout',
    ]);
    expect(attributeMaximum).toMatchObject({ ms: 2147483647, µs: 2147483647000 });
  });

  for (const { type, attribute, unit, maximum } of durations) {
    test(`${type}.${attribute}: up to ${maximum} ${unit} accepted, one more refused, on create and update`, async ({ server, proxy }) => {
      const toxics = `${server.url}/proxies/${proxy.name}/toxics`;
      const send = async (url: string, value: number) => {
        const response = await fetch(url, { method: 'POST', body: JSON.stringify({ type, attributes: { [attribute]: value } }) });
        return { status: response.status, body: (await response.json()) as { error?: string; attributes?: Record<string, number> } };
      };
      const refused = {
        status: 400,
        body: {
          status: 400,
          error: `invalid toxic attribute: toxic "${type}_downstream": "${attribute}" must be at most ${maximum} ${unit} (Node's longest timer, about 24.8 days), got ${maximum + 1}`,
        },
      };
      expect(await send(toxics, maximum + 1)).toEqual(refused);
      const created = await send(toxics, maximum);
      expect({ status: created.status, value: created.body.attributes?.[attribute] }).toEqual({ status: 200, value: maximum });
      expect(await send(`${toxics}/${type}_downstream`, maximum + 1)).toEqual(refused);
    });
  }

  test("the issue's case: latency 3000000000 is refused", async ({ server, proxy }) => {
    const response = await fetch(`${server.url}/proxies/${proxy.name}/toxics`, {
      method: 'POST',
      body: JSON.stringify({ type: 'latency', attributes: { latency: 3_000_000_000 } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/"latency" must be at most 2147483647 ms/);
  });
});

describe('a wait longer than a timer can hold', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  plainTest('latency + jitter past 2^31−1 ms waits 2^31−1 ms, not 1 ms', async () => {
    vi.useFakeTimers();
    const host: StageHost = {
      closing: false,
      random: createRandom(1),
      toxicityRandom: { next: () => 0 },
      emitFrom: async () => undefined,
      closeFrom: () => undefined,
      reset: () => undefined,
    };
    const stage = new ToxicStage(parseNewToxic({ type: 'latency' }), host);
    let elapsed: boolean | undefined;
    void stage.sleep(maxTimerMs + 1000).then((done) => {
      elapsed = done;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(elapsed).toBeUndefined();
    await vi.advanceTimersByTimeAsync(maxTimerMs);
    expect(elapsed).toBe(true);
  });
});
