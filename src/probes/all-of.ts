import { usesOf } from '../scenario/uses.ts';
import type { Probe } from './probe.ts';

/** Holds when every probe holds; observed together, the details joined. A probe that throws counts as not holding. */
export function allOf(...probes: readonly Probe[]): Probe {
  return {
    name: probes.map((probe) => probe.name).join(', and '),
    uses: usesOf(...probes),
    async observe(context) {
      const seen = await Promise.all(
        probes.map((probe) => probe.observe(context).catch((error: unknown) => ({ ok: false, detail: (error as Error).message }))),
      );
      return { ok: seen.every((s) => s.ok), detail: seen.map((s) => s.detail).join('; ') };
    },
  };
}
