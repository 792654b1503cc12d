import type { Probe } from './probe.ts';

/**
 * The single-writer invariant where it matters: the system's downstream (the
 * exchange, for the reference ATS) received no order twice, by its own count
 * (the workload adapter's `downstream.duplicateSubmissions`).
 */
export function noDuplicateSubmissions(): Probe {
  return {
    name: 'no order submitted twice downstream',
    async observe({ orderFlow, signal }) {
      const downstream = orderFlow.workload.downstream;
      if (!downstream) throw new Error("the workload adapter declares no downstream: nothing counts an order's submissions");
      const duplicates = await downstream.duplicateSubmissions(signal);
      return { ok: duplicates === 0, detail: `${downstream.name} saw ${duplicates} duplicate submission(s)` };
    },
  };
}
