import { describe, expect, it } from 'vitest';
import { archiveEnd, parseLsn, walRecoveryWindow } from '../../src/dr/wal-recovery-point.ts';

const MiB = 1024 * 1024;

describe('the WAL archive as a recovery point', () => {
  it('parses LSNs and refuses what is not one', () => {
    expect(parseLsn('0/E00000')).toBe(0xe00000n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(() => parseLsn('16-B374')).toThrow('"16-B374" is not a PostgreSQL LSN (like 16/B374D848)');
  });

  it("ends right after the archive's newest segment, whatever else the archive holds", () => {
    const names = ['00000001000000000000000D', '00000001000000000000000E', '00000002.history', '.x.partial', '00000001000000000000000C'];
    expect(archiveEnd(names, MiB)).toEqual({ segment: '00000001000000000000000E', lsn: 0xf00000n });
    // 16 MiB segments: 256 to a log file, so segment FF of log 0 ends at 1/0.
    expect(archiveEnd(['0000000100000000000000FF'], 16 * MiB)?.lsn).toBe(1n << 32n);
    expect(archiveEnd(['00000002.history'], MiB)).toBeUndefined();
  });

  it('places the end among the samples: the last start at or before it, the first end past it', () => {
    const samples = [
      { startedAt: 1_000, endedAt: 1_010, lsn: 0xe00000n },
      { startedAt: 1_100, endedAt: 1_120, lsn: 0xeff000n },
      { startedAt: 1_200, endedAt: 1_230, lsn: 0xf00100n },
      { startedAt: 1_300, endedAt: 1_305, lsn: 0xf10000n },
    ];
    expect(walRecoveryWindow(samples, 0xf00000n)).toEqual({ from: 1_100, to: 1_230 });
    expect(walRecoveryWindow(samples, 0xd00000n)).toEqual({ from: undefined, to: 1_010 });
    expect(walRecoveryWindow(samples, 0xf20000n)).toEqual({ from: 1_300, to: undefined });
  });
});
