/**
 * Data sizes as people write them (`500MB`, `1GB`, `2.5GiB`) and as the drill
 * prints them. MB, GB and TB are decimal (10^6, 10^9, 10^12 bytes: what disk
 * vendors and pg_size_pretty's readers expect from "GB"); MiB, GiB and TiB are
 * binary (2^20, 2^30, 2^40). Units are case-insensitive; a bare number is bytes.
 */

const unitBytes: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Parses `1GB`, `500 MB`, `2.5GiB`, `1048576`; throws naming the value and the accepted units otherwise. */
export function parseDataSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? unitBytes[(match[2] || 'b').toLowerCase()] : undefined;
  const bytes = match && factor !== undefined ? Math.round(Number(match[1]) * factor) : Number.NaN;
  if (!(bytes > 0)) {
    throw new Error(
      `Data size "${text}" is not a positive size: write a number and a unit, such as 500MB, 1GB or 2.5GiB (units: B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)`,
    );
  }
  return bytes;
}

/** Decimal units with three significant digits at most: `715 MB`, `10 GB`, `1.5 TB`, `0 B`. */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['kB', 1e3],
  ];
  const [unit, size] = units.find(([, factor]) => bytes >= factor) ?? ['B', 1];
  return `${Number((bytes / size).toPrecision(3))} ${unit}`;
}

/** Throughput in MB/s (decimal), one decimal place: `46.2 MB/s`. */
export function formatThroughput(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}
