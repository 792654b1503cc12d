/**
 * The recovery point of a point-in-time restore that replays the WAL archive
 * to its end: every transaction whose commit record lies in an archived
 * segment comes back, nothing after. Which orders those are is told by LSNs:
 * while trading goes on, the harness samples the server's WAL insert position
 * (`pg_current_wal_insert_lsn()`) every 100 ms, each sample with when its
 * query started and ended; after the loss, the archive's last segment gives
 * the end of what can be replayed (E).
 *
 *   an order acknowledged before a sample started whose position is ≤ E   was committed before E: must be back
 *   an order sent after a sample ended whose position is > E               is committed after E: must be missing
 *
 * so `from` is the start of the last sample at or before E, `to` the end of
 * the first sample past it: rpo-accounting.ts takes it from there, as for a
 * backup's snapshot. With samples 100 ms apart, what may go either way is
 * the orders in flight for about that long.
 */
import pg from 'pg';
import { postgresConnection } from '../runtime/postgres-connection.ts';

export interface WalSample {
  /** Wall clock, ms: the sample's query started and ended. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly lsn: bigint;
}

/** `16/B374D848` → bigint. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a PostgreSQL LSN (like 16/B374D848)`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

const segmentName = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$/;

/**
 * The end of the WAL an archive holds: the LSN right after its newest segment
 * (`000000010000000000000007` with 1 MiB segments: 0/800000). Other files
 * (history, backup labels, partial copies) are ignored; undefined when it holds no segment.
 */
export function archiveEnd(fileNames: readonly string[], segmentBytes: number): { segment: string; lsn: bigint } | undefined {
  const segments = fileNames.filter((name) => segmentName.test(name)).sort();
  const last = segments.at(-1);
  if (!last) return undefined;
  const [, , log, seg] = segmentName.exec(last)!;
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  const next = BigInt(`0x${log}`) * perLog + BigInt(`0x${seg}`) + 1n;
  return { segment: last, lsn: next * BigInt(segmentBytes) };
}

/** [from, to] around E, as rpo-accounting.ts's RecoveryPoint takes it; undefined `from` when no sample was at or before E. */
export function walRecoveryWindow(samples: readonly WalSample[], end: bigint): { from: number | undefined; to: number | undefined } {
  const covered = samples.filter((s) => s.lsn <= end);
  const beyond = samples.filter((s) => s.lsn > end);
  return {
    from: covered.length === 0 ? undefined : Math.max(...covered.map((s) => s.startedAt)),
    to: beyond.length === 0 ? undefined : Math.min(...beyond.map((s) => s.endedAt)),
  };
}

export interface WalSampler {
  /** Stops sampling; resolves with the samples and the server's WAL segment size. */
  stop(): Promise<{ samples: WalSample[]; segmentBytes: number }>;
}

/** Samples the WAL insert position every `intervalMs` as the superuser, until stopped (a failed sample is skipped). */
export async function sampleWalPosition(variables: Record<string, string>, intervalMs = 100): Promise<WalSampler> {
  const client = new pg.Client({ ...postgresConnection(variables, 'admin', 'firedrill-wal-sampler'), query_timeout: 2000 });
  client.on('error', () => {}); // the server is lost while this samples: the next query says so
  await client.connect();
  const sizeQuery = "SELECT setting::bigint AS bytes FROM pg_settings WHERE name = 'wal_segment_size'";
  const [size] = (await client.query<{ bytes: string }>(sizeQuery)).rows;
  const samples: WalSample[] = [];
  let running = true;
  let failures = 0;
  // Ten failed samples in a row: the server is gone (or never comes back); sampling ends by itself, so a run that
  // never calls stop() (interrupted mid-window) leaves no loop behind.
  const loop = (async () => {
    while (running && failures < 10) {
      const startedAt = Date.now();
      try {
        const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
        samples.push({ startedAt, endedAt: Date.now(), lsn: parseLsn(rows[0]!.lsn) });
        failures = 0;
      } catch {
        failures++;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs).unref());
    }
    await client.end().catch(() => undefined);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { samples, segmentBytes: Number(size?.bytes) };
    },
  };
}
