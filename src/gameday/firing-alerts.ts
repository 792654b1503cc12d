import { prometheusAlertingRules } from '../probes/alert-state.ts';

/** The names of the alerts firing now in the Prometheus at `baseUrl`, sorted; null when it does not answer within `timeoutMs`. */
export async function firingAlerts(baseUrl: string, timeoutMs: number): Promise<string[] | null> {
  try {
    const rules = await prometheusAlertingRules(baseUrl, AbortSignal.timeout(timeoutMs));
    const firing = rules.flatMap((rule) => rule.alerts.filter((alert) => alert.state === 'firing').map(() => rule.name));
    return [...new Set(firing)].sort();
  } catch {
    return null;
  }
}
