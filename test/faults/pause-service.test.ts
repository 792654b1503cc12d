import { describe, expect, it } from 'vitest';
import { pauseService } from '../../src/faults/pause-service.ts';
import type { Environment, ServiceHandle } from '../../src/runtime/runtime.ts';

// The fault's own logic on a stand-in service handle (pure; the real freeze on
// both runtimes: test/faults/pause-service-checks.ts).
function standIn(pause: () => Promise<number>) {
  const calls: string[] = [];
  const handle = {
    pause: async () => {
      calls.push('pause');
      return pause();
    },
    resume: async (pid: number) => void calls.push(`resume ${pid}`),
  } as unknown as ServiceHandle;
  const service = (name: string) => {
    calls.push(`service ${name}`);
    return handle;
  };
  const env = { service } as unknown as Environment;
  return { env, calls };
}

describe('pauseService', () => {
  it('pauses the named service and reverts by resuming the pid it froze, once however often revert is called', async () => {
    const { env, calls } = standIn(async () => 4242);
    const fault = pauseService('order-gateway');
    expect(fault).toMatchObject({ kind: 'process.pause', description: 'pause order-gateway' });
    const injected = await fault.inject(env, new AbortController().signal);
    expect(injected.description).toBe('pause order-gateway (pid 4242 frozen)');
    await Promise.all([injected.revert(), injected.revert()]);
    await injected.revert();
    expect(calls).toEqual(['service order-gateway', 'pause', 'resume 4242']);
  });

  it('fails naming the fault when the service cannot be paused, and leaves nothing to revert', async () => {
    const { env } = standIn(async () => Promise.reject(new Error('order-gateway is not running: there is no process to pause')));
    await expect(pauseService('order-gateway').inject(env, new AbortController().signal)).rejects.toThrow(
      'Fault "pause order-gateway": order-gateway is not running: there is no process to pause',
    );
  });
});
