import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureProcess, metricValue, startFixture } from './fixture-process.ts';

// The log sink as a real process: Loki's JSON push API, its 400s, Loki's
// deduplication, and the canary lag it exports.
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);

describe('log-sink (Loki push API stand-in)', () => {
  let sink: FixtureProcess;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    sink = await startFixture('log-sink', {});
  });
  afterAll(async () => {
    await sink?.stop();
  });

  const push = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sink.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
  const entries = async (filename: string) =>
    (
      (await (await fetch(`${sink.url}/firedrill/entries?filename=${encodeURIComponent(filename)}`)).json()) as {
        entries: [string, string][];
      }
    ).entries;
  const streams = async () =>
    (await (await fetch(`${sink.url}/firedrill/streams`)).json()) as {
      lagSeconds: number;
      streams: { labels: Record<string, string>; lines: number; duplicates: number; newestTs: string }[];
    };

  it('before any canary line, the lag is the time since the sink started', async () => {
    const lag = (await metricValue(sink.url, 'loki_ingestion_lag_seconds'))!;
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThanOrEqual((Date.now() - startedAt) / 1000 + 0.1);
  });

  it('stores a push (plain or gzip) and answers 204; its lines count per file', async () => {
    const t = Date.now();
    const plain = await push({
      streams: [
        {
          stream: { job: 'ats', filename: '/logs/a.log' },
          values: [
            [ns(t), 'one'],
            [ns(t + 1), 'two'],
          ],
        },
      ],
    });
    expect(plain.status).toBe(204);
    const zipped = gzipSync(
      JSON.stringify({ streams: [{ stream: { job: 'ats', filename: '/logs/a.log' }, values: [[ns(t + 2), 'three', { trace_id: 'x' }]] }] }),
    );
    expect((await push(zipped, { 'content-encoding': 'gzip' })).status).toBe(204);
    expect(await entries('/logs/a.log')).toEqual([
      [ns(t), 'one'],
      [ns(t + 1), 'two'],
      [ns(t + 2), 'three'],
    ]);
    expect((await streams()).streams.find((s) => s.labels.filename === '/logs/a.log')).toEqual({
      labels: { job: 'ats', filename: '/logs/a.log' },
      lines: 3,
      duplicates: 0,
      newestTs: ns(t + 2),
    });
    expect(await metricValue(sink.url, 'loki_lines_received_total', { filename: '/logs/a.log' })).toBe(3);
    expect(await metricValue(sink.url, 'loki_push_requests_total', { status: '204' })).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [
      'a timestamp that is not unix ns',
      { streams: [{ stream: { job: 'a' }, values: [['2026-01-01T00:00:00Z', 'x']] }] },
      'streams.0.values.0.0',
    ],
    [
      'a line that is not a string',
      {
        streams: [
          {
            stream: { job: 'a' },
            values: [
              ['1', 'ok'],
              ['2', 42],
            ],
          },
        ],
      },
      'streams.0.values.1.1',
    ],
    ['a bad label name', { streams: [{ stream: { 'service-name': 'a' }, values: [] }] }, 'streams.0.stream.service-name'],
    ['no labels', { streams: [{ stream: {}, values: [] }] }, 'streams.0.stream'],
    ['no streams', { stream: [] }, 'streams'],
    ['values that are not a list', { streams: [{ stream: { job: 'a' }, values: 'x' }] }, 'streams.0.values'],
    ['a body that is not JSON', '{"streams": [', 'body'],
  ])('answers 400 naming the field for %s', async (_what, body, field) => {
    const response = await push(body);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { error: string; field: string };
    expect(problem.field).toBe(field);
    expect(problem.error).toContain(field);
  });

  it('answers 400 for a body that is not gzip, and 415 naming what to send for protobuf', async () => {
    const notGzip = await push('{"streams":[]}', { 'content-encoding': 'gzip' });
    expect(notGzip.status).toBe(400);
    expect(await notGzip.json()).toMatchObject({ error: expect.stringMatching(/not valid gzip/), field: 'body' });
    const protobuf = await fetch(`${sink.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: 'x',
    });
    expect(protobuf.status).toBe(415);
    expect(await protobuf.json()).toMatchObject({ error: expect.stringMatching(/application\/json/), field: 'content-type' });
    expect(await metricValue(sink.url, 'loki_push_requests_total', { status: '400' })).toBeGreaterThanOrEqual(8);
  });

  it('deduplicates as Loki does: same stream, timestamp and line is stored once; a new timestamp or line is new', async () => {
    const before = (await metricValue(sink.url, 'loki_duplicate_lines_total'))!;
    const stream = { job: 'ats', filename: '/logs/dedup.log' };
    const batch = {
      streams: [
        {
          stream,
          values: [
            ['100', 'same'],
            ['101', 'other'],
          ],
        },
      ],
    };
    expect((await push(batch)).status).toBe(204);
    expect((await push(batch)).status).toBe(204); // a resent batch
    expect(
      (
        await push({
          streams: [
            {
              stream,
              values: [
                ['102', 'same'],
                ['100', 'different'],
              ],
            },
          ],
        })
      ).status,
    ).toBe(204);
    expect((await push({ streams: [{ stream: { ...stream, job: 'elsewhere' }, values: [['100', 'same']] }] })).status).toBe(204);
    // Both streams of that file, oldest first (entries of one timestamp in stream and arrival order).
    expect(await entries('/logs/dedup.log')).toEqual([
      ['100', 'same'],
      ['100', 'different'],
      ['100', 'same'],
      ['101', 'other'],
      ['102', 'same'],
    ]);
    const summary = (await streams()).streams.find((s) => s.labels.filename === '/logs/dedup.log' && s.labels.job === 'ats');
    expect(summary).toMatchObject({ lines: 4, duplicates: 2 });
    expect(await metricValue(sink.url, 'loki_duplicate_lines_total')).toBe(before + 2);
    expect(await metricValue(sink.url, 'loki_lines_received_total', { filename: '/logs/dedup.log' })).toBe(5);
  });

  it('the lag is the age of the newest canary line received (±0.3 s), and an older canary does not lower it', async () => {
    const canary = (ms: number) =>
      push({ streams: [{ stream: { job: 'ats', service: 'canary', filename: '/logs/canary.log' }, values: [[ns(ms), 'canary']] }] });
    await canary(Date.now() - 5000);
    expect((await streams()).lagSeconds).toBeCloseTo(5, 0);
    expect(Math.abs((await metricValue(sink.url, 'loki_ingestion_lag_seconds'))! - 5)).toBeLessThan(0.3);
    await canary(Date.now() - 60_000);
    expect(Math.abs((await metricValue(sink.url, 'loki_ingestion_lag_seconds'))! - 5)).toBeLessThan(0.3);
    // Lines of other streams are not canaries, however new.
    await push({ streams: [{ stream: { job: 'ats', service: 'risk', filename: '/logs/risk.log' }, values: [[ns(Date.now()), 'x']] }] });
    expect(Math.abs((await metricValue(sink.url, 'loki_ingestion_lag_seconds'))! - 5)).toBeLessThan(0.3);
    await canary(Date.now());
    expect((await metricValue(sink.url, 'loki_ingestion_lag_seconds'))!).toBeLessThan(0.3);
  });
});
