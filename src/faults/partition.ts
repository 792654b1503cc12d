import type { LinkName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/**
 * The link goes down: open connections drop, new ones are refused. With
 * healAfterMs the partition heals by itself, as a network blip does; revert
 * heals it in any case.
 */
export function partition(link: LinkName, options: { healAfterMs?: number } = {}): Fault {
  const heals = options.healAfterMs === undefined ? '' : `, healing after ${options.healAfterMs} ms`;
  const description = `network partition on ${link}${heals}`;
  return {
    kind: 'network.partition',
    description,
    async inject(env) {
      const handle = env.link(link);
      await handle.setEnabled(false);
      const heal = once(() => handle.setEnabled(true));
      const timer = options.healAfterMs === undefined ? undefined : setTimeout(() => void heal().catch(() => {}), options.healAfterMs);
      return {
        description,
        revert: () => {
          clearTimeout(timer);
          return heal();
        },
      };
    },
  };
}
