/**
 * Docker's log stream for a container without a TTY is multiplexed: frames of
 * an 8-byte header (stream type, 3 zero bytes, big-endian payload length)
 * then the payload. With timestamps on, each line starts with an RFC 3339 time.
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
