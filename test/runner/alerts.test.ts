import { describe, expect, it } from 'vitest';
import { alertMisses, awaitAlerts, type AlertMeasurement, withNotifications } from '../../src/runner/phases/alerts.ts';
import type { Notification } from '../../src/monitoring/webhook-receiver.ts';
import type { Environment } from '../../src/runtime/runtime.ts';
import type { AlertExpectation } from '../../src/scenario/scenario.ts';
import { fakeClock } from '../support/fake-clock.ts';
import { phaseRun } from '../support/phase-run.ts';
import { type StubAlert, type StubSeries, startStubPrometheus } from '../support/stub-prometheus.ts';

// The fake clock's wall time is 2026-01-01T00:00:00Z plus its monotonic ms.
const wall = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

async function measure(
  fire: AlertExpectation[],
  alerts: (now: number) => StubAlert[],
  start = 10_000,
  scrapes: { up: StubSeries[]; durations: StubSeries[] } = { up: [], durations: [] },
  alertSeries: StubSeries[] = [],
  unanswered: string[] = [],
) {
  await using prometheus = await startStubPrometheus(['RedisDown', 'ServiceDown'], 3);
  const clock = fakeClock(start);
  prometheus.alerts = () => alerts(clock.now());
  prometheus.scrapes = scrapes;
  prometheus.alertSeries = alertSeries;
  prometheus.unanswered = unanswered;
  const env = { id: 'e', runtime: 'local', variables: () => ({ PROMETHEUS_URL: prometheus.url }) } as unknown as Environment;
  const run = phaseRun({ alerts: { fire, quiet: [] }, timeouts: { steadyStateMs: 1, overrunMs: 1000 } }, { clock, env });
  const measured = await awaitAlerts(run, 10_000);
  return { measured, run, clock };
}

describe('awaitAlerts (phase 3)', () => {
  it("times an alert by Prometheus' firing time (activeAt + for), and records the wait and the firing", async () => {
    // Active from +2 s, firing (for: 3s) from +5 s; the harness starts looking at +5 s and sees it at +6 s.
    const { measured, run } = await measure(
      [{ alert: 'RedisDown', withinMs: 20_000 }],
      (now) => (now >= 16_000 ? [{ name: 'RedisDown', state: 'firing', activeAt: wall(12_000) }] : []),
      15_000,
    );
    const detail = `RedisDown firing since ${wall(15_000)} (active since ${wall(12_000)}, for 3s), value 1`;
    expect(measured).toStrictEqual([
      { alert: 'RedisDown', withinMs: 20_000, detail, notified: [], firedMs: 5000, scrapes: [], evaluations: [] },
    ]);
    expect(run.timeline.events.map((e) => [e.kind, e.detail])).toEqual([
      ['alert.waiting', { alert: 'RedisDown', withinMs: 20_000 }],
      ['alert.firing', { alert: 'RedisDown', firedMs: 5000, observed: detail }],
    ]);
  });

  it('looks every 250 ms: an alert that predates the fault is timed by when it was seen', async () => {
    const { measured } = await measure(
      [{ alert: 'RedisDown', withinMs: 20_000 }],
      (now) => (now >= 16_100 ? [{ name: 'RedisDown', state: 'firing', activeAt: wall(1_000) }] : []),
      15_500,
    );
    expect(measured[0]?.firedMs).toBe(6250);
  });

  it('measures each expected alert in turn, with the labels it must carry', async () => {
    const { measured } = await measure(
      [
        { alert: 'ServiceDown', labels: { job: 'risk' }, withinMs: 20_000 },
        { alert: 'RedisDown', withinMs: 20_000 },
      ],
      () => [
        { name: 'ServiceDown', state: 'firing', activeAt: wall(9_000), labels: { job: 'exchange' } },
        { name: 'ServiceDown', state: 'firing', activeAt: wall(10_000), labels: { job: 'risk' } },
        { name: 'RedisDown', state: 'firing', activeAt: wall(10_500) },
      ],
    );
    expect(measured.map((m) => [m.alert, m.labels, m.firedMs])).toEqual([
      ['ServiceDown', { job: 'risk' }, 0],
      ['RedisDown', undefined, 0],
    ]);
    expect(measured[0]?.detail).toMatch(/^ServiceDown\{job="risk"\} firing since/);
  });

  it('gives up after withinMs plus the overrun since injection, with what Prometheus said last', async () => {
    // Injected at 10 000, now 10 500: 2000 + 1000 - 500 = 2500 ms left.
    const { measured, run, clock } = await measure(
      [{ alert: 'RedisDown', withinMs: 2000 }],
      () => [{ name: 'RedisDown', state: 'pending', activeAt: wall(10_000) }],
      10_500,
    );
    expect(clock.now()).toBeGreaterThanOrEqual(13_000);
    expect(clock.now()).toBeLessThan(13_250);
    const detail = `RedisDown pending since ${wall(10_000)}`;
    expect(measured).toStrictEqual([
      { alert: 'RedisDown', withinMs: 2000, detail, notified: [], firedMs: null, scrapes: [], evaluations: [] },
    ]);
    expect(run.timeline.events.at(-1)).toEqual(
      expect.objectContaining({ kind: 'alert.missed', detail: { alert: 'RedisDown', last: detail } }),
    );
  });

  it("keeps Prometheus' scrapes and the rule's evaluations from the fault to the firing: a late alert's miss names a failed scrape and a restarted `for`", async () => {
    // Injected at wall +10 s, firing at +19.5 s (active +16.5 s, for 3s); the gateway's scrape at +18 s failed.
    // The rule was pending from +11.5 s to +14.5 s, found the condition false at +15.5 s, pending again from +16.5 s.
    const unix = (ms: number) => (Date.UTC(2026, 0, 1) + ms) / 1000;
    const every = (from: number, to: number, value: (ms: number) => number) =>
      Array.from({ length: (to - from) / 1000 + 1 }, (_, i): [number, number] => [unix(from + i * 1000), value(from + i * 1000)]);
    const gateway = { job: 'order-gateway', instance: '127.0.0.1:4001' };
    const redis = { job: 'redis', instance: '127.0.0.1:4002' };
    const { measured } = await measure(
      [{ alert: 'RedisDown', withinMs: 9_000 }],
      (now) => (now >= 19_500 ? [{ name: 'RedisDown', state: 'firing', activeAt: wall(16_500) }] : []),
      10_000,
      {
        up: [
          { labels: gateway, values: every(8_000, 25_000, (ms) => (ms === 18_000 ? 0 : 1)) },
          { labels: redis, values: every(8_000, 25_000, () => 1) },
        ],
        durations: [
          { labels: gateway, values: every(8_000, 25_000, (ms) => (ms === 18_000 ? 1 : 0.01)) },
          { labels: redis, values: every(8_000, 25_000, () => 0.002) },
        ],
      },
      [
        {
          labels: { alertname: 'RedisDown', alertstate: 'pending' },
          values: [...every(11_500, 14_500, () => 1), ...every(16_500, 18_500, () => 1)],
        },
        { labels: { alertname: 'RedisDown', alertstate: 'firing' }, values: every(19_500, 21_500, () => 1) },
      ],
    );
    expect(measured[0]?.firedMs).toBe(9_500);
    expect(measured[0]?.scrapes).toEqual([
      { ...gateway, attempts: 10, failed: 1, typicalGapMs: 1000, longestGapMs: 1000, slowestMs: 1000 },
      { ...redis, attempts: 10, failed: 0, typicalGapMs: 1000, longestGapMs: 1000, slowestMs: 2 },
    ]);
    expect(measured[0]?.evaluations).toEqual([
      { state: 'pending', fromMs: 1500, toMs: 4500 },
      { state: 'pending', fromMs: 6500, toMs: 8500 },
      { state: 'firing', fromMs: 9500, toMs: 10_500 },
    ]);
    expect(alertMisses(measured)).toEqual([
      "alert RedisDown fired after 9500 ms, target 9000 ms (Prometheus' scrapes since the fault: " +
        'order-gateway (127.0.0.1:4001) 1 of 10 failed, longest gap 1.0 s (usually 1.0 s), slowest 1.0 s; the other 1 on time; ' +
        'its rule since the fault: pending 1.5–4.5 s, pending 6.5–8.5 s, firing from 9.5 s (its `for` started 2 times))',
    ]);
  });

  it("keeps the scrapes when the rule's evaluations cannot be read, and the other way round, saying why", async () => {
    const firing = () => [{ name: 'RedisDown', state: 'firing' as const, activeAt: wall(10_000) }];
    const unix = (ms: number) => (Date.UTC(2026, 0, 1) + ms) / 1000;
    const target = { job: 'redis', instance: '127.0.0.1:4002' };
    const scrapes = { up: [{ labels: target, values: [[unix(10_000), 1] as [number, number]] }], durations: [] };
    const evaluations = [{ labels: { alertname: 'RedisDown', alertstate: 'firing' }, values: [[unix(12_000), 1] as [number, number]] }];
    const within = [{ alert: 'RedisDown', withinMs: 1000 }];
    const noEvaluations = (await measure(within, firing, 13_000, scrapes, evaluations, ['ALERTS{'])).measured[0]!;
    expect(noEvaluations.scrapes).toHaveLength(1);
    expect(noEvaluations.evaluations).toBeUndefined();
    expect(noEvaluations.evaluationsUnread).toMatch(/503/);
    expect(noEvaluations.scrapesUnread).toBeUndefined();
    const noScrapes = (await measure(within, firing, 13_000, scrapes, evaluations, ['up[', 'scrape_duration_seconds['])).measured[0]!;
    expect(noScrapes.scrapes).toBeUndefined();
    expect(noScrapes.scrapesUnread).toMatch(/503/);
    expect(noScrapes.evaluations).toEqual([{ state: 'firing', fromMs: 2000, toMs: 2000 }]);
    const late = (m: AlertMeasurement) => alertMisses([{ ...m, firedMs: 3000 }])[0];
    expect(late(noEvaluations)).toMatch(/\(Prometheus' scrapes since the fault: .*; its rule's evaluations not read: .*503/);
    expect(late(noScrapes)).toMatch(/\(scrapes not read: .*503.*; its rule since the fault: firing from 2\.0 s/);
  });

  it('looks once when the time is already up', async () => {
    const { measured, clock } = await measure([{ alert: 'RedisDown', withinMs: 1000 }], () => [], 50_000);
    expect(clock.now()).toBe(50_000);
    expect(measured[0]?.firedMs).toBeNull();
  });
});

describe('withNotifications', () => {
  const measurement = (alert: string): AlertMeasurement => ({ alert, withinMs: 1, firedMs: 1, detail: '', notified: [] });
  const notification = (
    channel: 'pagerduty' | 'slack',
    contact: string,
    status: 'firing' | 'resolved',
    alerts: [string, 'firing' | 'resolved'][],
  ) =>
    ({
      t: 0,
      at: '',
      channel,
      contact,
      receiver: channel,
      status,
      alerts: alerts.map(([alertname, s]) => ({ alertname, status: s, labels: {}, startsAt: '' })),
    }) as Notification;

  it('names who was paged about each alert while it fired, once each', () => {
    const notifications = [
      notification('pagerduty', 'P7X2K9Q', 'firing', [['RedisDown', 'firing']]),
      notification('pagerduty', 'P7X2K9Q', 'firing', [['RedisDown', 'firing']]),
      notification('slack', '@sre-team', 'firing', [
        ['ServiceDown', 'firing'],
        ['RedisDown', 'firing'],
      ]),
      notification('slack', '@resolved', 'resolved', [['RedisDown', 'resolved']]),
      notification('slack', '@mixed', 'firing', [
        ['ServiceDown', 'firing'],
        ['RedisDown', 'resolved'],
      ]),
      notification('slack', '@odd', 'resolved', [['RedisDown', 'firing']]),
    ];
    expect(withNotifications([measurement('RedisDown'), measurement('DbPoolSaturated')], notifications).map((m) => m.notified)).toEqual([
      ['pagerduty P7X2K9Q', 'slack @sre-team'],
      [],
    ]);
  });
});

describe('alertMisses', () => {
  const m = (firedMs: number | null): AlertMeasurement => ({
    alert: 'RedisDown',
    withinMs: 20_000,
    firedMs,
    detail: 'pending',
    notified: [],
  });

  it('an alert that fired exactly at its time is in time', () => {
    expect(alertMisses([m(20_000), m(0)])).toEqual([]);
    expect(alertMisses([m(20_001)])).toEqual(['alert RedisDown fired after 20001 ms, target 20000 ms']);
    expect(alertMisses([m(null)])).toEqual(['alert RedisDown did not fire within 20000 ms (last seen: pending)']);
  });

  it("says so when Prometheus' scrapes could not be read, and says nothing of them for an alert in time", () => {
    const unread = { scrapesUnread: 'Prometheus query up[20s] answered 503: not ready' };
    expect(alertMisses([{ ...m(null), ...unread }])).toEqual([
      'alert RedisDown did not fire within 20000 ms (last seen: pending; scrapes not read: Prometheus query up[20s] answered 503: not ready)',
    ]);
    expect(alertMisses([{ ...m(1), ...unread }])).toEqual([]);
    const bothUnread = { ...unread, evaluationsUnread: unread.scrapesUnread };
    expect(alertMisses([{ ...m(null), ...bothUnread }])).toEqual([
      "alert RedisDown did not fire within 20000 ms (last seen: pending; scrapes and the rule's evaluations not read: Prometheus query up[20s] answered 503: not ready)",
    ]);
  });
});
