import { describe, expect, it } from 'vitest';
import { pgPoolWithBrokenRemediation } from './pg-pool-broken-remediation.ts';

describe('pg-pool-exhaustion with its remediation replaced by a no-op', () => {
  it('fails naming db.terminate-stuck, whose postcondition does not hold on the full server, never errors', {
    timeout: 180_000,
  }, async () => {
    const noop = await pgPoolWithBrokenRemediation('a no-op');
    expect(noop.reasons.find((r) => r.startsWith('runbook step "db.terminate-stuck"'))).toMatch(
      /^runbook step "db\.terminate-stuck" ran \(exit 0\) but its postcondition "PostgreSQL accepts a new connection as the application's role" did not hold within 5000 ms \(last seen: \w+ refused \(53300\)[^)]*\); still not restored: /,
    );
  });
});
