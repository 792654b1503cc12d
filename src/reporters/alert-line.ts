import type { AlertMeasurement } from '../runner/phases/alerts.ts';

/** One expected alert as people read it: `RedisDown fired after 4200 ms (target 30000 ms) → pagerduty P7X2K9Q`. */
export function alertLine(a: AlertMeasurement): string {
  const fired = a.firedMs === null ? 'did not fire' : `fired after ${a.firedMs} ms`;
  const notified = a.notified.length > 0 ? ` → ${a.notified.join(', ')}` : '';
  return `${a.alert} ${fired} (target ${a.withinMs} ms)${notified}`;
}
