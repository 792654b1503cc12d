import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import healthySwap from '../../scenarios/healthy-swap.ts';
import { type Fault, localRuntime, runScenarios } from '../../src/index.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';

// healthy-swap must be able to fail: the gate proves it passes on both runtimes. Here the release is broken as a hasty
// script breaks it, switching nginx to green before green is ready: the requests sent to it meanwhile fail. It
// switches first and deploys after, so that green is not ready at the switch however loaded the machine: deployed
// first, green started by PM2 was sometimes listening by the time nginx had reloaded, and nothing failed (session
// 18's clean-clone CI: no failed request, detection at 11 s).
describe('healthy-swap, with a swap that does not wait for readiness', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails naming the failed requests, by colour', { timeout: 180_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-hasty-swap-'));
    const hastySwap: Fault = {
      kind: 'test.hasty-swap',
      description: 'switch to green, then deploy the current build to it: green live before it is ready',
      uses: { services: ['order-gateway'] },
      async inject(env, signal) {
        const switcher = env.blueGreen!('order-gateway');
        await switcher.switchTo('green');
        await switcher.deploy({ colour: 'green' }, signal);
        return {
          description: 'green live before it was ready',
          revert: async () => {
            await switcher.switchTo('blue');
            await switcher.stop('green');
          },
        };
      },
    };
    const scenario: Scenario = { ...healthySwap, faults: [hastySwap] };
    const { evidence } = await runScenarios([scenario], {
      runtime: localRuntime,
      reportDir: join(dir, 'reports'),
      signal: new AbortController().signal,
    });
    const [result] = evidence.scenarios;
    expect(result?.verdict).toBe('failed');
    // (Its detection may be late too: green, started in a hurry, is slow to take every request.)
    expect(result?.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^check "at most 0 order requests failed over the run" failed: [1-9]\d* of the order requests failed .*by green/,
        ),
      ]),
    );
  });
});
