import { describe, expect, it } from 'vitest';
import { waitForArchiver } from '../../src/dr/wal-archiver-backlog.ts';

/** A backlog that answers each call with the next count, and the last one from then on. */
const counts = (...values: number[]) => {
  let call = 0;
  return async () => values[Math.min(call++, values.length - 1)]!;
};

describe('waitForArchiver', () => {
  it('returns at once when nothing waits to be archived, and says nothing', async () => {
    const lines: string[] = [];
    const backlog = counts(0);
    await waitForArchiver(backlog, { log: (line) => lines.push(line), pollMs: 1 });
    expect(lines).toEqual([]);
  });

  it('polls until the backlog is empty, telling how many files are left and when it caught up', async () => {
    const lines: string[] = [];
    let calls = 0;
    const backlog = counts(30, 20, 10, 0);
    await waitForArchiver(
      async () => {
        calls++;
        return backlog();
      },
      { log: (line) => lines.push(line), pollMs: 5, progressEveryMs: 0 },
    );
    expect(calls).toBe(4);
    expect(lines.slice(0, 3).map((line) => /(\d+) WAL file\(s\) left/.exec(line)?.[1])).toEqual(['30', '20', '10']);
    expect(lines.at(-1)).toMatch(/the WAL archiver caught up after \d+ ms$/);
  });

  it('fails, naming the files waiting, when the archiver makes no progress for stallMs (a failing archive_command)', async () => {
    await expect(waitForArchiver(counts(5, 4, 4), { pollMs: 5, stallMs: 60 })).rejects.toThrow(
      /archived nothing for \d+ ms: 4 WAL file\(s\) wait for archive_command .*pg_stat_archiver/,
    );
  });

  it('keeps waiting while the backlog shrinks, however slowly, and stops when aborted', async () => {
    let left = 40;
    await expect(waitForArchiver(async () => (left -= 1), { pollMs: 2, stallMs: 50 })).resolves.toBeGreaterThan(0);
    const aborted = new AbortController();
    aborted.abort(new Error('interrupted'));
    await expect(waitForArchiver(counts(3), { signal: aborted.signal, pollMs: 1 })).rejects.toThrow('interrupted');
  });
});
