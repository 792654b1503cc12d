import type { LinkName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/** The link goes down for downMs, up for upMs, over and over until reverted (which leaves it up). */
export function flapping(link: LinkName, options: { downMs: number; upMs: number }): Fault {
  const description = `${link} flapping: down ${options.downMs} ms, up ${options.upMs} ms`;
  return {
    kind: 'network.flapping',
    description,
    uses: { links: [link] },
    async inject(env) {
      const handle = env.link(link);
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let inFlight = Promise.resolve();
      const toggle = (enabled: boolean) => {
        // A failed toggle is not retried: the next one sets the state anyway.
        inFlight = handle
          .setEnabled(enabled)
          .catch(() => {})
          .then(() => {
            if (!stopped) timer = setTimeout(() => toggle(!enabled), enabled ? options.upMs : options.downMs);
          });
      };
      await handle.setEnabled(false);
      timer = setTimeout(() => toggle(true), options.downMs);
      return {
        description,
        revert: once(async () => {
          stopped = true;
          clearTimeout(timer);
          await inFlight; // so a toggle already on its way cannot land after the final enable
          await handle.setEnabled(true);
        }),
      };
    },
  };
}
