import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { KillSwitch, type KillSwitchDependencies } from '../../fixtures/ats/order-gateway/kill-switch.ts';
import type { KillSwitchState } from '../../fixtures/ats/order-gateway/kill-switch-store.ts';

// gateway_kill_switch_engaged before the gateway has read the switch: an
// unlabelled gauge never set reads 0 ("released"), a guess about a switch
// that may be engaged. Pure, on a stand-in store (the real switch, Postgres
// and exchange: test/scenarios/kill-switch.scenario.integration.test.ts).
const engaged: KillSwitchState = { engaged: true, changedAt: '2026-12-05T10:00:00Z', changedBy: 'ops', reason: 'drill' };

describe('order-gateway kill-switch gauge', () => {
  it('is absent until the switch is first read, then gives what was read', async () => {
    const registry = new Registry();
    const store = { state: async () => engaged } as unknown as KillSwitchDependencies['store'];
    const killSwitch = new KillSwitch({
      store,
      exchange: { cancelAll: async () => ({ kind: 'cancelled-all', orderIds: [] }) },
      gate: { blockedForMs: async () => 0 },
      logger: pino({ level: 'silent' }),
      registry,
      cancels: true,
    });
    expect(await registry.metrics()).not.toMatch(/^gateway_kill_switch_engaged \d/m);
    await killSwitch.state();
    expect(await registry.metrics()).toMatch(/^gateway_kill_switch_engaged 1$/m);
  });
});
