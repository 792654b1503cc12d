import { usesOf } from '../scenario/uses.ts';
import type { Fault } from './fault.ts';
import { drop } from './drop.ts';
import { resetPeer } from './reset-peer.ts';

/**
 * The log shipper's pushes to the sink are lost in flight: with `drop` the
 * bytes are thrown away and the connection closed after `closeAfterMs`; with
 * `reset` the connection is reset (RST) as soon as a push starts. Either way
 * the sink never sees the push, so only a shipper that sends again what was
 * not acknowledged keeps every line.
 */
export function logPushLoss(options: { mode?: 'drop' | 'reset'; closeAfterMs?: number } = {}): Fault {
  const link = 'shipper-logsink';
  const fault = options.mode === 'reset' ? resetPeer(link) : drop(link, { closeAfterMs: options.closeAfterMs ?? 1_000 });
  const description = `log pushes lost in flight: ${fault.description}`;
  return {
    kind: 'logs.push-loss',
    description,
    uses: usesOf(fault),
    async inject(env, signal) {
      const injected = await fault.inject(env, signal);
      return { description, revert: () => injected.revert() };
    },
  };
}
