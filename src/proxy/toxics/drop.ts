// drop: Toxiproxy's own `timeout` semantics. No data gets through: what
// arrives is read and thrown away, so the sender sees it written and it is
// gone (a push the sender gives up on can never arrive later). After
// `timeout` ms the connection is closed; with 0 it stays open, dropping, until
// the toxic is removed. firedrill's `timeout` holds the data instead and
// delivers it when removed (see timeout.ts); use this one where a fault must
// be able to lose what was sent.
import { defineToxic } from './toxic.ts';

export const drop = defineToxic({
  type: 'drop',
  attributes: { timeout: { unit: 'ms' } },
  // Only chunks that reach it while it applies come here: each is dropped.
  async pipe() {},
  activate(run) {
    const timeoutMs = run.attributes.timeout;
    if (timeoutMs <= 0) return undefined;
    const timer = setTimeout(() => run.close(), timeoutMs);
    return () => clearTimeout(timer);
  },
});
