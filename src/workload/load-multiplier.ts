/**
 * Stress with faults (MiFID II RTS 6 Art. 10): a scenario's order flow at N times
 * the system's configured peak rate, while its fault runs. Its controls must
 * still hold; and a run whose flow could not reach the rate it was asked for
 * proved nothing about that rate, so it says so and does not pass.
 *
 *   withLoadMultiplier(scenario, N)   what `firedrill run --load-multiplier N` runs
 *   loadOf(scenario, flow)            the evidence's `load`
 *   loadShortfall(load)               the failure, when the flow fell short under a multiplier
 */
import type { Scenario } from '../scenario/scenario.ts';
import type { OrderFlowLoad } from './order-flow.ts';

export const maxLoadMultiplier = 20;

/** The share of the asked rate a stress run must send: under it the run failed to apply its load. */
export const reachedShare = 0.95;

export interface ScenarioLoad extends OrderFlowLoad {
  readonly multiplier: number;
  /** The scenario's peak rate before the multiplier. */
  readonly peakPerSec: number;
}

export function withLoadMultiplier(scenario: Scenario, multiplier: number): Scenario {
  return { ...scenario, workload: { ...scenario.workload, loadMultiplier: multiplier } };
}

/** The rate the scenario's order flow runs at: its peak times its multiplier. */
export function ordersPerSecOf(scenario: Scenario): number {
  return scenario.workload.ordersPerSec * (scenario.workload.loadMultiplier ?? 1);
}

export function loadOf(scenario: Scenario, load: OrderFlowLoad): ScenarioLoad {
  return { multiplier: scenario.workload.loadMultiplier ?? 1, peakPerSec: scenario.workload.ordersPerSec, ...load };
}

/** Why a stress run does not count: it sent under `reachedShare` of the rate asked. Undefined when it did, or when no multiplier applies. */
export function loadShortfall(load: ScenarioLoad): string | undefined {
  if (load.multiplier <= 1 || load.achievedPerSec >= load.askedPerSec * reachedShare) return undefined;
  const awaiting = load.heldBack - load.heldBackLate;
  const heldBack =
    load.heldBack > 0
      ? `; ${load.heldBack} of ${load.due} due orders held back (${awaiting} while ${load.maxInFlight} requests awaited answers, ` +
        `${load.heldBackLate} with the harness over a second behind)`
      : '';
  return (
    `could not reach the asked rate: asked ${rateText(load.askedPerSec)} orders/s (${load.multiplier} × the peak ${rateText(load.peakPerSec)}), ` +
    `sent ${rateText(load.achievedPerSec)}/s over ${(load.durationMs / 1000).toFixed(1)} s${heldBack}: the controls were not tested at that rate`
  );
}

/** An order rate as the reports print it: to a tenth (`59.9`). */
export const rateText = (perSec: number) => String(Math.round(perSec * 10) / 10);
