import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { isShippedLogFile } from '../../fixtures/ats/log-shipper/shipped-files.ts';
import { shippedLogsIntegrity } from '../../src/probes/log-integrity.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import { type FixtureProcess, metricValue, startFixture } from './fixture-process.ts';

// The log shipper as a real process, tailing a temp dir into a real log sink:
// what is written arrives, once, whatever happens to the shipper or the sink.
const signal = new AbortController().signal;

describe('log-shipper', () => {
  let dir: string;
  let sink: FixtureProcess | undefined;
  let shipper: FixtureProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-shipper-'));
    await mkdir(logs(), { recursive: true });
  });
  afterEach(async () => {
    await shipper?.stop('SIGKILL');
    sink?.child.kill('SIGCONT'); // in case a test left it stopped
    await sink?.stop('SIGKILL');
    shipper = sink = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const logs = () => join(dir, 'logs');
  const startShipper = (lokiUrl: string) =>
    startFixture('log-shipper', {
      LOKI_URL: lokiUrl,
      LOG_DIR: logs(),
      SHIPPER_POSITIONS_FILE: join(dir, 'state', 'positions.json'),
      SHIPPER_BATCH_WAIT_MS: '50',
      SHIPPER_PUSH_TIMEOUT_MS: '1000',
      SHIPPER_MAX_BACKOFF_MS: '400',
      SHIPPER_CANARY_INTERVAL_MS: '200',
    });
  const entries = async (file: string) =>
    (
      (await (await fetch(`${sink!.url}/firedrill/entries?filename=${encodeURIComponent(join(logs(), file))}`)).json()) as {
        entries: [string, string][];
      }
    ).entries;
  const entriesReach = (file: string, count: number) =>
    waitUntil(async () => (await entries(file)).length >= count, {
      what: `${count} entries of ${file} in the sink`,
      timeoutMs: 10_000,
      intervalMs: 50,
    });
  const integrity = () => {
    const env = {
      id: 'test',
      runtime: 'local',
      variables: () => ({ LOG_DIR: logs() }),
      service: () => ({ url: sink!.url }),
    } as unknown as Environment;
    return shippedLogsIntegrity({ drainMs: 10_000, isShipped: isShippedLogFile })({ env, signal } as ProbeContext);
  };
  /** Appends a pino-shaped line to app.log every `everyMs` until stopped; resolves to the number written. */
  function writeLines(everyMs: number): { stop(): Promise<number> } {
    let seq = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        seq += 1;
        await appendFile(
          join(logs(), 'app.log'),
          `${JSON.stringify({ level: 30, time: Date.now(), service: 'app', seq, msg: 'order accepted' })}\n`,
        );
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
      return seq;
    })();
    return {
      stop: async () => {
        running = false;
        return loop;
      },
    };
  }

  it("ships every complete line of every *.log but its own, stamped with the line's pino time; a partial line waits for its newline", async () => {
    const time = Date.now() - 10_000;
    const line = (seq: number) => JSON.stringify({ level: 30, time, service: 'app', seq, msg: 'hello' });
    await writeFile(join(logs(), 'app.log'), `${line(1)}\n${line(2)}\nnot json\nhal`);
    await writeFile(join(logs(), 'log-shipper.log'), '{"msg":"the shipper\'s own line"}\n');
    await writeFile(join(logs(), 'notes.txt'), 'not a log\n');
    sink = await startFixture('log-sink', {});
    shipper = await startShipper(sink.url);
    await entriesReach('app.log', 3);
    const t = BigInt(time) * 1_000_000n;
    expect((await entries('app.log')).map(([ts, l]) => [BigInt(ts) - t, l.slice(0, 8)])).toEqual([
      [0n, '{"level"'],
      [1n, '{"level"'],
      [2n, 'not json'],
    ]);
    await appendFile(join(logs(), 'app.log'), 'f done\n');
    await entriesReach('app.log', 4);
    expect((await entries('app.log')).at(-1)).toEqual([String(t + 3n), 'half done']);
    await entriesReach('canary.log', 1);
    const streams = ((await (await fetch(`${sink.url}/firedrill/streams`)).json()) as { streams: { labels: Record<string, string> }[] })
      .streams;
    expect(streams.map((s) => s.labels).sort((a, b) => a.service!.localeCompare(b.service!))).toEqual([
      { job: 'ats', service: 'app', filename: join(logs(), 'app.log') },
      { job: 'ats', service: 'canary', filename: join(logs(), 'canary.log') },
    ]);
    expect(await metricValue(shipper!.url, 'shipper_lines_shipped_total')).toBeGreaterThanOrEqual(5);
    expect(await integrity()).toMatchObject({ lost: 0, duplicated: 0 });
  });

  it('SIGKILLed while lines keep coming and restarted, it resends what was not acknowledged: every line stored exactly once', async () => {
    sink = await startFixture('log-sink', {});
    shipper = await startShipper(sink.url);
    const writer = writeLines(5);
    await entriesReach('app.log', 20);
    await shipper.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    shipper = await startShipper(sink.url);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await writer.stop();
    const found = await integrity();
    expect(found, found.detail).toMatchObject({ lost: 0, duplicated: 0 });
    expect((await entries('app.log')).length).toBe(written);
  });

  it('while the sink hangs, pushes time out and are retried; a shipper restarted meanwhile loses nothing once the sink answers again', async () => {
    sink = await startFixture('log-sink', {});
    shipper = await startShipper(sink.url);
    const writer = writeLines(20);
    await entriesReach('app.log', 5);
    sink.child.kill('SIGSTOP');
    await waitUntil(async () => ((await metricValue(shipper!.url, 'shipper_push_errors_total')) ?? 0) >= 2, {
      what: 'two timed-out pushes',
      timeoutMs: 10_000,
    });
    expect(await metricValue(shipper.url, 'shipper_pending_lines')).toBeGreaterThan(0);
    await shipper.stop('SIGTERM'); // an in-flight push is abandoned, unacknowledged
    shipper = await startShipper(sink.url);
    sink.child.kill('SIGCONT');
    const written = await writer.stop();
    const found = await integrity();
    expect(found, found.detail).toMatchObject({ lost: 0, duplicated: 0 });
    expect((await entries('app.log')).length).toBe(written);
  });

  it('a batch the sink rejects (4xx) is dropped and counted, and the shipper moves on instead of retrying forever', async () => {
    const rejecting = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid streams"}'));
    });
    await new Promise<void>((resolve) => rejecting.listen(0, '127.0.0.1', resolve));
    try {
      await writeFile(join(logs(), 'app.log'), 'one\ntwo\nthree\n');
      shipper = await startShipper(`http://127.0.0.1:${(rejecting.address() as { port: number }).port}`);
      await waitUntil(async () => ((await metricValue(shipper!.url, 'shipper_lines_dropped_total')) ?? 0) >= 3, {
        what: '3 lines dropped',
        timeoutMs: 10_000,
      });
      // The positions are saved just after the count goes up: wait for them, do not race them.
      const size = (await stat(join(logs(), 'app.log'))).size;
      const savedOffset = async () =>
        (JSON.parse(await readFile(join(dir, 'state', 'positions.json'), 'utf8')) as Record<string, { offset: number }>)[
          join(logs(), 'app.log')
        ]?.offset;
      await waitUntil(async () => (await savedOffset()) === size, {
        what: `position of app.log saved past the dropped batch (${size} bytes)`,
        timeoutMs: 5_000,
      });
      expect(shipper.output()).toMatch(/rejected with 400: .*invalid streams.*"lines":\d+,"msg":"batch rejected by Loki: dropped"/);
    } finally {
      rejecting.close();
    }
  });
});
