import type { ServiceName } from '../runtime/runtime.ts';
import { describeAnswer, httpAnswer } from './http-answer.ts';
import { defaultHttpProbeTimeoutMs } from './http-status.ts';
import type { Probe } from './probe.ts';

export interface ReadinessReportOptions {
  /** The dependency the report must name as failing (`checks.<dependency>.ok` false in the body). */
  readonly dependency: string;
  readonly path?: string;
  /** Longer than the checks the service makes before it answers. */
  readonly timeoutMs?: number;
}

interface ReadinessBody {
  readonly checks?: Record<string, { readonly ok?: boolean; readonly reason?: string }>;
}

/**
 * A detection signal from the system itself: `service` answers its readiness
 * endpoint with a status other than 200, and its report names `dependency` as
 * the failing check (`{ready, checks: {<dependency>: {ok: false, reason}}}`).
 * No answer within the timeout is not a report: it never holds.
 */
export function reportsNotReady(service: ServiceName, options: ReadinessReportOptions): Probe {
  const path = options.path ?? '/readyz';
  const timeoutMs = options.timeoutMs ?? defaultHttpProbeTimeoutMs;
  return {
    name: `${service} ${path} answers not ready, naming ${options.dependency}`,
    uses: { services: [service] },
    async observe({ env }) {
      const answer = await httpAnswer(`${env.service(service).url}${path}`, timeoutMs);
      const detail = describeAnswer(path, answer, timeoutMs);
      if (!answer.answered) return { ok: false, answered: false, detail };
      if (answer.status === 200) return { ok: false, answered: true, detail };
      const check = parseChecks(answer.body)?.[options.dependency];
      if (check?.ok !== false) return { ok: false, answered: true, detail: `${detail} — not naming ${options.dependency} as failing` };
      return { ok: true, answered: true, detail };
    },
  };
}

function parseChecks(body: string): ReadinessBody['checks'] {
  try {
    return (JSON.parse(body) as ReadinessBody).checks;
  } catch {
    return undefined; // a cut or non-JSON body names nothing
  }
}
