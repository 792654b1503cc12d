import { describe, expect, it } from 'vitest';
import { pgPoolWithBrokenRemediation } from './pg-pool-broken-remediation.ts';

describe('pg-pool-exhaustion with its remediation replaced by a step that exits non-zero', () => {
  it('fails naming db.pool-status and its exit status, never errors', { timeout: 180_000 }, async () => {
    const exit = await pgPoolWithBrokenRemediation('a step that exits non-zero');
    expect(exit.reasons.find((r) => r.startsWith('runbook step "db.pool-status"'))).toMatch(
      /^runbook step "db\.pool-status" exited with status 3: remediation broken on purpose; still not restored: /,
    );
  });
});
