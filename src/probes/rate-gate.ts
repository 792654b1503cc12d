import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';
import type { Probe } from './probe.ts';

const gateway = 'order-gateway';

interface RateGateState {
  blocked: boolean;
  blockedForMs: number;
  strikes: number;
  effectiveRatePerSec: number;
}

async function rateGate(gatewayUrl: string): Promise<RateGateState> {
  const response = await fetch(`${gatewayUrl}/rate-gate`, { signal: timeoutAfterPendingIo(1000) });
  if (!response.ok) throw new Error(`/rate-gate answered ${response.status}`);
  return (await response.json()) as RateGateState;
}

/** The gateway's rate gate has stopped sending because the exchange banned it (a 418: blocked, with a strike). */
export function rateGateBanned(): Probe {
  return {
    name: 'order-gateway rate gate is blocked by an exchange ban',
    uses: { services: [gateway] },
    async observe({ env }) {
      const state = await rateGate(env.service(gateway).url!);
      return {
        ok: state.blocked && state.strikes > 0,
        detail: `blocked=${state.blocked} for ${state.blockedForMs} ms, strikes=${state.strikes}`,
      };
    },
  };
}

/** The rate gate is back at full rate: no strikes left from a ban. */
export function rateGateWithoutStrikes(): Probe {
  return {
    name: 'order-gateway rate gate has no strikes (full rate)',
    uses: { services: [gateway] },
    async observe({ env }) {
      const state = await rateGate(env.service(gateway).url!);
      return { ok: state.strikes === 0, detail: `strikes=${state.strikes}, effective rate ${state.effectiveRatePerSec}/s` };
    },
  };
}
