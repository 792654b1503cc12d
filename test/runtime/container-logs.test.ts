import { describe, expect, test } from 'vitest';
import { currentRunSinceMs, parseTimestampedLines } from '../../src/runtime/docker/container-logs.ts';

const log = parseTimestampedLines(
  [
    '2026-12-02T16:04:00.100000000Z first run: Ready to accept connections',
    '2026-12-02T16:04:01.000000000Z first run: shutting down',
    '2026-12-02T16:04:02.820510476Z second run: Ready to accept connections',
  ].join('\n'),
);
const linesSince = (since: number) => log.filter((line) => line.atMs >= since).map((line) => line.text);

describe("a container's current run in its log", () => {
  test('a first run (FinishedAt is the zero time) owns every line', () => {
    expect(currentRunSinceMs('0001-01-01T00:00:00Z')).toBe(0);
    expect(linesSince(currentRunSinceMs('0001-01-01T00:00:00Z'))).toHaveLength(3);
  });

  test("a restarted run owns the lines after the previous run's end, even one stamped before its StartedAt", () => {
    // measured under load: the ready line stamped 2026-12-02T16:04:02.820510476Z, StartedAt 16:04:02.821406774Z
    const since = currentRunSinceMs('2026-12-02T16:04:01.500000000Z');
    expect(linesSince(since)).toEqual(['second run: Ready to accept connections']);
    expect(linesSince(Date.parse('2026-12-02T16:04:02.821406774Z'))).toEqual([]); // what StartedAt missed
  });

  test('an unreadable FinishedAt counts as a first run', () => {
    expect(currentRunSinceMs('')).toBe(0);
  });
});
