import type { Colour, ServiceName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

export interface Release {
  /** A build named in the config's `blueGreen.builds` (`healthy-but-failing`); absent: the build running now (a healthy release). */
  readonly build?: string;
  /** How long the new colour may take to pass its readiness check before the release is called off. */
  readonly readyWithinMs?: number;
}

/**
 * A release, as the runbook's blue/green deployment does one: the build goes
 * to the idle colour, which must pass its readiness check, then nginx is
 * switched to it. What comes after is the scenario's: a bad build is found and
 * rolled back by the runbook's steps; a good one must cost no request. Revert
 * puts the colour that was live back in front and stops the released one.
 */
export function deployRelease(service: ServiceName, { build, readyWithinMs = 30_000 }: Release = {}): Fault {
  const what = build === undefined ? 'the current build' : `build "${build}"`;
  const description = `release ${what} of ${service}: deploy it to the idle colour and switch nginx to it`;
  return {
    kind: 'deploy.release',
    description,
    uses: { services: [service] },
    async inject(env, signal) {
      if (!env.blueGreen) throw new Error(`Fault "${description}": the ${env.runtime} runtime cannot run blue/green`);
      const called = performance.now();
      const switcher = env.blueGreen(service);
      const was = await switcher.live();
      const released = other(was);
      await switcher.deploy({ ...(build === undefined ? {} : { build }), colour: released }, signal);
      await switcher.waitReady(released, readyWithinMs, signal);
      const switching = performance.now();
      await switcher.switchTo(released);
      return {
        description: `${what} of ${service} live on ${released} (was ${was})`,
        // The release goes live with nginx's reload: before it, every request was still served by the old colour.
        tookEffectAfterMs: switching - called,
        revert: once(async () => {
          if ((await switcher.live()) !== was) await switcher.switchTo(was);
          await switcher.stop(released);
        }),
      };
    },
  };
}

function other(colour: Colour): Colour {
  return colour === 'blue' ? 'green' : 'blue';
}
