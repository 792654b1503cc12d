import { usesOf } from '../scenario/uses.ts';
import { type Fault, once } from './fault.ts';

/** The fault heals by itself after `durationMs`, as a network blip does; revert heals it sooner. */
export function transient(fault: Fault, durationMs: number): Fault {
  const description = `${fault.description}, for ${durationMs} ms`;
  return {
    kind: fault.kind,
    description,
    uses: usesOf(fault),
    async inject(env, signal) {
      const injected = await fault.inject(env, signal);
      const heal = once(() => injected.revert());
      const timer = setTimeout(() => void heal().catch(() => {}), durationMs); // a failed heal is retried by the runner's revert
      return {
        description,
        revert: async () => {
          clearTimeout(timer);
          await heal();
        },
      };
    },
  };
}
