import type { ToxicSpec } from '../proxy-client/fault-proxy-client.ts';
import type { LinkName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/** A network fault made of one toxic on one link of the fault proxy; revert removes it. */
export function toxicFault(kind: string, link: LinkName, toxic: ToxicSpec, what: string): Fault {
  const description = `${what} on ${link}`;
  return {
    kind,
    description,
    uses: { links: [link] },
    async inject(env) {
      const added = await env.link(link).addToxic(toxic);
      return { description, revert: once(() => added.remove()) };
    },
  };
}
