/**
 * The pause fault on a provisioned environment, checked the same way on every
 * runtime against the real gateway: frozen, it keeps its pid and its port but
 * answers nothing (the hang probe holds) while the services beside it answer;
 * revert thaws the same process, and a second revert changes nothing. That a
 * revert leaves alone a gateway restarted since the pause is what every
 * gateway-hung run does after its reload step.
 */
import { expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { pauseService } from '../../src/faults/pause-service.ts';
import { httpStatus } from '../../src/probes/http-status.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { serviceHangs } from '../../src/probes/service-hangs.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';

export function pauseServiceTests(runtime: Runtime, timeoutMs: number): void {
  it('freezes the gateway (same pid, connections taken, nothing answered), and revert thaws the same process', {
    timeout: timeoutMs,
  }, async () => {
    const signal = new AbortController().signal;
    await using env = await runtime.provision(signal);
    const context = { env, signal } as ProbeContext;
    const gateway = env.service('order-gateway');
    const hung = serviceHangs('order-gateway', { path: '/healthz', timeoutMs: 1_000 });
    const answers = httpStatus('order-gateway', '/healthz', 200, 1_000);
    const pid = await gateway.pid();
    expect(await hung.observe(context)).toMatchObject({ ok: false, answered: true });

    const injected = await pauseService('order-gateway').inject(env, signal);
    expect(injected.description).toBe(`pause order-gateway (pid ${pid} frozen)`);
    expect(await hung.observe(context)).toEqual({
      ok: true,
      answered: false,
      detail: "/healthz: no answer within the probe's 1000 ms timeout: the connection is open and nothing answers",
    });
    expect(await gateway.pid()).toBe(pid);
    // Only the gateway: the exchange beside it answers.
    expect((await httpStatus('exchange', '/healthz', 200, 1_000).observe(context)).ok).toBe(true);

    await injected.revert();
    await injected.revert();
    await waitUntil(async () => (await answers.observe(context)).ok, { what: 'the thawed gateway answering /healthz', timeoutMs: 5_000 });
    expect(await gateway.pid()).toBe(pid);
    expect(await hung.observe(context)).toMatchObject({ ok: false, answered: true });
  });
}
