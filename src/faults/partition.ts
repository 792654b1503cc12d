import type { LinkName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/** The link goes down: open connections drop, new ones are refused. Revert brings it up. */
export function partition(link: LinkName): Fault {
  const description = `network partition on ${link}`;
  return {
    kind: 'network.partition',
    description,
    uses: { links: [link] },
    async inject(env) {
      const handle = env.link(link);
      await handle.setEnabled(false);
      return { description, revert: once(() => handle.setEnabled(true)) };
    },
  };
}
