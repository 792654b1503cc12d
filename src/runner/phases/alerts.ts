import { type AlertStretch, alertEvaluationsBetween, describeAlertStretches } from '../../probes/alert-evaluations.ts';
import { alertFiring, prometheusUrl } from '../../probes/alert-state.ts';
import { describeScrapes, scrapesBetween, type TargetScrapes } from '../../probes/scrape-health.ts';
import type { AlertExpectation } from '../../scenario/scenario.ts';
import type { Notification } from '../../monitoring/webhook-receiver.ts';
import { pollUntilHeld } from '../poll.ts';
import type { ScenarioRun } from '../scenario-run.ts';
import { sinceInjection } from './since-injection.ts';
import { errorText } from '../../error-text.ts';

/** One expected alert, as measured: in evidence.json under `measured.alerts`. */
export interface AlertMeasurement {
  readonly alert: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly withinMs: number;
  /** Fault injected → alert firing, by Prometheus' clock; null when it did not fire before the deadline. */
  readonly firedMs: number | null;
  /** What Prometheus said last. */
  readonly detail: string;
  /** Who Alertmanager notified of it while the scenario ran (`pagerduty P7X2K9Q`, `slack @sre-team`). */
  readonly notified: readonly string[];
  /**
   * Prometheus' scrapes of every target from the fault until the alert fired (or the wait ended): a failed scrape
   * ends a pending alert, so a late one is told apart from a late gauge (scrape-health.ts). Absent when they could
   * not be read, with `scrapesUnread` saying why.
   */
  readonly scrapes?: readonly TargetScrapes[];
  readonly scrapesUnread?: string;
  /**
   * The alert's rule evaluations over the same window, as stretches pending and firing (alert-evaluations.ts): a
   * gap in them is an evaluation that found the condition false, which started the rule's `for` again. Absent when
   * they could not be read, with `evaluationsUnread` saying why.
   */
  readonly evaluations?: readonly AlertStretch[];
  readonly evaluationsUnread?: string;
}

/**
 * Phase 3, after the detection signal: waits for every alert the scenario
 * expects to fire, each until its time plus the overrun has passed since
 * injection. The runbook's remediation starts after this, as an operator's
 * starts when paged.
 */
export async function awaitAlerts(run: ScenarioRun, injectedAt: number): Promise<AlertMeasurement[]> {
  const measurements: AlertMeasurement[] = [];
  for (const expected of run.scenario.alerts.fire) measurements.push(await awaitAlert(run, injectedAt, expected));
  return measurements;
}

async function awaitAlert(run: ScenarioRun, injectedAt: number, expected: AlertExpectation): Promise<AlertMeasurement> {
  const { clock, timeline } = run;
  const probe = alertFiring(expected.alert, expected.labels);
  const deadlineMs = Math.max(0, expected.withinMs + run.scenario.timeouts.overrunMs - (clock.now() - injectedAt));
  timeline.record('alert.waiting', { alert: expected.alert, withinMs: expected.withinMs });
  const result = await pollUntilHeld([probe], run.probes, { ...run, deadlineMs, intervalMs: 250 });
  const seen = result.last[0];
  const base = {
    alert: expected.alert,
    ...(expected.labels ? { labels: expected.labels } : {}),
    withinMs: expected.withinMs,
    detail: seen?.detail ?? '',
    notified: [],
  };
  if (result.heldAt === undefined || !seen) {
    timeline.record('alert.missed', { alert: expected.alert, last: seen?.detail });
    return { ...base, firedMs: null, ...(await whatPrometheusSaw(run, injectedAt, clock.now() - injectedAt, expected)) };
  }
  const firedMs = sinceInjection(run, injectedAt, result.heldAt, seen.since);
  timeline.record('alert.firing', { alert: expected.alert, firedMs, observed: seen.detail });
  return { ...base, firedMs, ...(await whatPrometheusSaw(run, injectedAt, firedMs, expected)) };
}

const EVALUATION_SLACK_MS = 1000;

/**
 * Prometheus' scrapes and the alert's evaluations from the fault until `untilMs` after it, each read on its own:
 * one query failing keeps the other's answer, and says why it failed.
 */
async function whatPrometheusSaw(
  run: ScenarioRun,
  injectedAt: number,
  untilMs: number,
  expected: AlertExpectation,
): Promise<Pick<AlertMeasurement, 'scrapes' | 'scrapesUnread' | 'evaluations' | 'evaluationsUnread'>> {
  const fromMs = run.clock.wallTime().getTime() - (run.clock.now() - injectedAt);
  const toMs = fromMs + untilMs;
  let url: string;
  try {
    url = prometheusUrl(run.probes.env);
  } catch (err) {
    return { scrapesUnread: errorText(err), evaluationsUnread: errorText(err) };
  }
  const [scrapes, evaluations] = await Promise.allSettled([
    scrapesBetween(url, fromMs, toMs, run.signal),
    // One evaluation past the end: the one that turned it firing sits on the window's edge.
    alertEvaluationsBetween(url, expected.alert, expected.labels ?? {}, fromMs, toMs + EVALUATION_SLACK_MS, run.signal),
  ]);
  return {
    ...(scrapes.status === 'fulfilled' ? { scrapes: scrapes.value } : { scrapesUnread: errorText(scrapes.reason) }),
    ...(evaluations.status === 'fulfilled' ? { evaluations: evaluations.value } : { evaluationsUnread: errorText(evaluations.reason) }),
  };
}

/** The measurements with who was notified of each, from the environment's webhook receiver (when it has one). */
export function withNotifications(measurements: readonly AlertMeasurement[], notifications: readonly Notification[]): AlertMeasurement[] {
  return measurements.map((m) => {
    const about = notifications.filter(
      (n) => n.status === 'firing' && n.alerts.some((a) => a.alertname === m.alert && a.status === 'firing'),
    );
    return { ...m, notified: [...new Set(about.map((n) => `${n.channel} ${n.contact}`))] };
  });
}

/** One sentence per expected alert that did not fire in time; empty when all did. */
export function alertMisses(measurements: readonly AlertMeasurement[]): string[] {
  return measurements.flatMap((m) => {
    const scrapes = prometheusMeanwhile(m);
    if (m.firedMs === null)
      return [`alert ${m.alert} did not fire within ${m.withinMs} ms (last seen: ${m.detail}${scrapes ? `; ${scrapes}` : ''})`];
    if (m.firedMs > m.withinMs)
      return [`alert ${m.alert} fired after ${m.firedMs} ms, target ${m.withinMs} ms${scrapes ? ` (${scrapes})` : ''}`];
    return [];
  });
}

function prometheusMeanwhile(m: AlertMeasurement): string {
  if (m.scrapesUnread !== undefined && m.scrapesUnread === m.evaluationsUnread)
    return `scrapes and the rule's evaluations not read: ${m.scrapesUnread}`;
  const scrapes = m.scrapes
    ? `Prometheus' scrapes since the fault: ${describeScrapes(m.scrapes)}`
    : m.scrapesUnread && `scrapes not read: ${m.scrapesUnread}`;
  const evaluations = m.evaluations
    ? `its rule since the fault: ${describeAlertStretches(m.evaluations)}`
    : m.evaluationsUnread && `its rule's evaluations not read: ${m.evaluationsUnread}`;
  return [scrapes, evaluations].filter(Boolean).join('; ');
}
