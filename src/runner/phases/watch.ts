import { alertQuiet } from '../../probes/alert-state.ts';
import { observeAll } from '../../probes/probe.ts';
import type { ScenarioRun } from '../scenario-run.ts';

export interface FaultWatch {
  /** Stops watching; returns one failure per probe that broke, at its first break (a second call returns none). */
  stop(): Promise<string[]>;
}

/**
 * Between injection and recovery, the scenario's duringFault probes must hold at every look, and its quiet alerts
 * must not fire. A blind look (the harness itself was held up: Observation.blind) breaks nothing: the timeline says
 * so, once per blind spell, and the next look judges; a probe that no look could judge fails, saying so.
 */
export function watchDuringFault(run: ScenarioRun, intervalMs = 250): FaultWatch {
  const { scenario, timeline } = run;
  const watched = [...scenario.duringFault, ...scenario.alerts.quiet.map((name) => alertQuiet(name))];
  const failures = new Map<string, string>();
  const blind = new Map<string, string>(); // the probes whose last look was blind: what it saw
  const judged = new Set<string>();
  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted && watched.length > 0) {
      const seen = await observeAll(watched, run.probes);
      watched.forEach((probe, i) => {
        const look = seen[i]!;
        if (look.blind && !blind.has(probe.name)) timeline.record('fault-watch.blind', { probe: probe.name, observed: look.detail });
        if (look.blind) blind.set(probe.name, look.detail);
        else {
          blind.delete(probe.name);
          judged.add(probe.name);
        }
        if (look.ok || look.blind || failures.has(probe.name)) return;
        const at = timeline.record('fault-watch.broken', { probe: probe.name, observed: look.detail });
        failures.set(
          probe.name,
          `between the fault and the recovery, "${probe.name}" did not hold at +${(at.t / 1000).toFixed(1)}s: ${look.detail}`,
        );
      });
      await run.clock.sleep(intervalMs, stopping.signal).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      if (stopping.signal.aborted) return [];
      stopping.abort();
      await loop;
      const unjudged = [...blind].filter(([name]) => !judged.has(name));
      return [
        ...failures.values(),
        ...unjudged.map(
          ([name, detail]) =>
            `between the fault and the recovery, "${name}" could not be judged: every look was blind (the harness itself held up); the last: ${detail}`,
        ),
      ];
    },
  };
}
