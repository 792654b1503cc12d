/**
 * Docker's log stream for a container without a TTY is multiplexed: frames of
 * an 8-byte header (stream type, 3 zero bytes, big-endian payload length)
 * then the payload. With timestamps on, each line starts with an RFC 3339 time.
 *
 * A container's log spans all its runs. The current run's lines are those after
 * the previous run finished (State.FinishedAt), not those after State.StartedAt:
 * the engine stamps a line when it reads it, which can be before it records
 * StartedAt. Seen under load: Redis's ready line stamped 0.9 ms before its
 * StartedAt, so a readiness wait never saw it and timed out after 30 s.
 */
export interface LogLine {
  readonly atMs: number;
  readonly text: string;
}

export function demultiplex(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}

export function parseTimestampedLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      return { atMs: Date.parse(line.slice(0, space)), text: line.slice(space + 1) };
    });
}

/** The earliest stamp a line of the current run can carry: the previous run's end, or 0 for a first run (FinishedAt is the zero time, year 1). */
export function currentRunSinceMs(finishedAt: string): number {
  const finished = Date.parse(finishedAt);
  return Number.isFinite(finished) && finished > 0 ? finished : 0;
}
