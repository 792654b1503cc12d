import { describe, expect, it } from 'vitest';
import { type ArchiverState, judgeArchiver } from '../../src/probes/wal-archiving.ts';

const working: ArchiverState = {
  archivedCount: 12,
  lastArchivedWal: '000000010000000000000020',
  lastArchivedAgoMs: 3_000,
  failedCount: 0,
  lastFailedWal: null,
  lastFailedAgoMs: null,
};

describe('judgeArchiver', () => {
  it('holds for a success within the window and no failure, saying what was archived when', () => {
    expect(judgeArchiver(working, 10_000)).toEqual({
      ok: true,
      detail: 'last archived 000000010000000000000020 3.0 s ago (12 archived); no failure (0 failed)',
    });
  });

  it('holds at the window edge, not past it', () => {
    expect(judgeArchiver({ ...working, lastArchivedAgoMs: 10_000 }, 10_000).ok).toBe(true);
    expect(judgeArchiver({ ...working, lastArchivedAgoMs: 10_001 }, 10_000)).toEqual({
      ok: false,
      detail:
        'no WAL segment archived within 10000 ms: last archived 000000010000000000000020 10.0 s ago (12 archived); no failure (0 failed)',
    });
  });

  it('does not hold when nothing was ever archived', () => {
    const never = { ...working, archivedCount: 0, lastArchivedWal: null, lastArchivedAgoMs: null };
    expect(judgeArchiver(never, 10_000)).toEqual({
      ok: false,
      detail:
        'no WAL segment archived within 10000 ms: nothing archived since the statistics were reset (0 archived); no failure (0 failed)',
    });
  });

  it('does not hold when a failure is more recent than the success, or as recent', () => {
    const failing = { ...working, failedCount: 7, lastFailedWal: '000000010000000000000021', lastFailedAgoMs: 500 };
    expect(judgeArchiver(failing, 10_000)).toEqual({
      ok: false,
      detail:
        'archiving failed after its last success: last archived 000000010000000000000020 3.0 s ago (12 archived); last failed 000000010000000000000021 0.5 s ago (7 failed)',
    });
    expect(judgeArchiver({ ...failing, lastFailedAgoMs: 3_000 }, 10_000).ok).toBe(false);
  });

  it('holds when the last failure is older than the last success (archiving recovered)', () => {
    expect(
      judgeArchiver({ ...working, failedCount: 7, lastFailedWal: '00000001000000000000001F', lastFailedAgoMs: 3_001 }, 10_000).ok,
    ).toBe(true);
  });
});
